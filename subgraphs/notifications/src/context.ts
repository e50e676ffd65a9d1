import type DataLoader from 'dataloader';
import type { RequestBase } from '@sbor/kit';
import type { LiveNotifications } from './domain/live.js';
import type { Notification } from './domain/notification.js';
import type { Notifications } from './domain/notifications.js';
import type { Preferences } from './domain/preferences.js';

export interface NotificationsContext extends RequestBase {
  notifications: Notifications;
  preferences: Preferences;
  live: LiveNotifications;
  /** Batches `_entities` lookups of one request; only the viewer's own notifications load. */
  notificationById: DataLoader<string, Notification | null>;
}
