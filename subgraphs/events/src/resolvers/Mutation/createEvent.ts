import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';
import { createEventInput } from '../../domain/validation.js';

export const createEvent: MutationResolvers['createEvent'] = (_parent, { input }, { organizerEvents, viewer }) => {
  const organizer = requireOrganizer(viewer);
  const event = parseInput(createEventInput, input);
  return organizerEvents.create(organizer, event);
};
