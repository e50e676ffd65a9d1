import { requireViewer } from '@sbor/core';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';
import type { Notification } from '../../domain/notification.js';

/**
 * The caller's own channel only; the iterator unsubscribes when the client completes or the
 * socket closes (graphql-ws calls `return()` on it).
 */
export const notificationAdded: SubscriptionResolvers['notificationAdded'] = {
  subscribe: (_parent, _args, { live, viewer }) => live.subscribe(requireViewer(viewer).userId),
  resolve: (payload: Notification) => payload,
};
