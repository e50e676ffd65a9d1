import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const updateEvent: MutationResolvers['updateEvent'] = (_parent, { id, input }, { organizerEvents, viewer }) =>
  organizerEvents.update(viewer, id, input);
