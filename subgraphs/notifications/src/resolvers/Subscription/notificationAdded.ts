import { requireViewer } from '@sbor/core';
import { resumableFeed } from '@sbor/kit';
import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';
import { notificationSource } from '../../domain/live-source.js';
import type { Notification } from '../../domain/notification.js';

const FROM_NOW = { after: [], announcePosition: false };

/**
 * The caller's own channel only, resumed after the cursor the router holds when it reconnects;
 * the iterator unsubscribes when the client completes or the socket closes (`return()`).
 */
export const notificationAdded: SubscriptionResolvers['notificationAdded'] = {
  subscribe: (_parent, _args, { live, notifications, viewer, resume }) =>
    resumableFeed(notificationSource(live, notifications, requireViewer(viewer)), resume ?? FROM_NOW),
  resolve: (payload: Notification) => payload,
};
