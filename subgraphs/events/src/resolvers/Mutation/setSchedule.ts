import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const setSchedule: MutationResolvers['setSchedule'] = (_parent, { eventId, items }, { organizerEvents, viewer }) =>
  organizerEvents.setSchedule(viewer, eventId, items);
