import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const markNotificationRead: MutationResolvers['markNotificationRead'] = (_parent, { id }, { notifications, viewer }) =>
  notifications.markRead(viewer, id);
