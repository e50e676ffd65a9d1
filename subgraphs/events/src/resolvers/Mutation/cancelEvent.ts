import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const cancelEvent: MutationResolvers['cancelEvent'] = (_parent, { id, reason }, { organizerEvents, viewer }) =>
  organizerEvents.cancel(viewer, id, reason);
