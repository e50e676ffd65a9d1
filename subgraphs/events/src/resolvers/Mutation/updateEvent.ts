import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';
import { updateEventInput } from '../../domain/validation.js';

export const updateEvent: MutationResolvers['updateEvent'] = (_parent, { id, input }, { organizerEvents, viewer }) => {
  const organizer = requireOrganizer(viewer);
  const changes = parseInput(updateEventInput, input);
  return organizerEvents.update(organizer, id, changes);
};
