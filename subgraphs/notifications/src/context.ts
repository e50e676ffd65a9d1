import type DataLoader from 'dataloader';
import type { RequestBase } from '@sbor/kit';
import type { LiveNotifications } from './domain/live.js';
import type { Notification } from './domain/notification.js';
import type { Notifications } from './domain/notifications.js';
import type { Preferences } from './domain/preferences.js';
import type { PushSubscriptionSchema } from './domain/validation.js';

export interface NotificationsContext extends RequestBase {
  notifications: Notifications;
  preferences: Preferences;
  live: LiveNotifications;
  /** Loopback http endpoints pass only outside production, so the rule depends on the deployment. */
  pushSubscriptionInput: PushSubscriptionSchema;
  /** Batches `_entities` lookups of one request; only the viewer's own notifications load. */
  notificationById: DataLoader<string, Notification | null>;
}
