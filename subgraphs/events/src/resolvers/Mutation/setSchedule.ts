import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';
import { scheduleInput } from '../../domain/validation.js';

export const setSchedule: MutationResolvers['setSchedule'] = (_parent, args, { organizerEvents, viewer }) => {
  const organizer = requireOrganizer(viewer);
  const { items } = parseInput(scheduleInput, { items: args.items });
  return organizerEvents.setSchedule(organizer, args.eventId, items);
};
