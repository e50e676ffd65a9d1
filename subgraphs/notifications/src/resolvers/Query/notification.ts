import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const notification: QueryResolvers['notification'] = (_parent, { id }, { notifications, viewer }) =>
  notifications.byId(viewer, id);
