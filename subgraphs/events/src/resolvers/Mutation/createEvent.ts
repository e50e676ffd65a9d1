import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const createEvent: MutationResolvers['createEvent'] = (_parent, { input }, { organizerEvents, viewer }) =>
  organizerEvents.create(viewer, input);
