import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { questionsInput } from '../../domain/validation.js';

export const setQuestions: MutationResolvers['setQuestions'] = async (_parent, { eventId, questions }, { questions: asked, viewer }) => {
  const organizer = requireViewer(viewer);
  const input = parseInput(questionsInput, { questions });
  await asked.set(organizer, eventId, input.questions);
  // The router resolves the rest of the event (and `questions`, read afresh) from here.
  return { id: eventId };
};
