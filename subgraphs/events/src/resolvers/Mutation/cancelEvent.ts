import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';
import { cancelInput } from '../../domain/validation.js';

export const cancelEvent: MutationResolvers['cancelEvent'] = (_parent, args, { organizerEvents, viewer }) => {
  const organizer = requireOrganizer(viewer);
  const { reason } = parseInput(cancelInput, { reason: args.reason });
  return organizerEvents.cancel(organizer, args.id, reason);
};
