import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const markAllNotificationsRead: MutationResolvers['markAllNotificationsRead'] = (_parent, _args, { notifications, viewer }) =>
  notifications.markAllRead(requireViewer(viewer));
