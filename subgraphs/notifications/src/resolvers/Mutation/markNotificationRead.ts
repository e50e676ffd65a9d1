import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

// Someone else's id, or one that is not a UUID, is NOT_FOUND rather than bad input: it reveals nothing.
export const markNotificationRead: MutationResolvers['markNotificationRead'] = (_parent, { id }, { notifications, viewer }) =>
  notifications.markRead(requireViewer(viewer), id);
