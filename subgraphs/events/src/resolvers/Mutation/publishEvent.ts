import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const publishEvent: MutationResolvers['publishEvent'] = (_parent, { id }, { organizerEvents, viewer }) =>
  organizerEvents.publish(viewer, id);
