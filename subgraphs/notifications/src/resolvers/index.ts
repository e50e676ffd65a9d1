import { DateTimeScalar } from '@sbor/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { markAllNotificationsRead } from './Mutation/markAllNotificationsRead.js';
import { markNotificationRead } from './Mutation/markNotificationRead.js';
import { registerPushSubscription } from './Mutation/registerPushSubscription.js';
import { updateNotificationPreferences } from './Mutation/updateNotificationPreferences.js';
import { Notification } from './Notification.js';
import { notification } from './Query/notification.js';
import { notificationPreferences } from './Query/notificationPreferences.js';
import { notifications } from './Query/notifications.js';
import { unreadCount } from './Query/unreadCount.js';
import { webPushPublicKey } from './Query/webPushPublicKey.js';
import { notificationAdded } from './Subscription/notificationAdded.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { notifications, notification, unreadCount, notificationPreferences, webPushPublicKey },
  Mutation: { markNotificationRead, markAllNotificationsRead, updateNotificationPreferences, registerPushSubscription },
  Subscription: { notificationAdded },
  Notification,
};
