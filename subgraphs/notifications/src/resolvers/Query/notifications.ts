import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const notifications: QueryResolvers['notifications'] = (_parent, args, { notifications, viewer }) =>
  notifications.list(viewer, args);
