import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const unreadCount: QueryResolvers['unreadCount'] = (_parent, _args, { notifications, viewer }) =>
  notifications.unreadCount(requireViewer(viewer));
