import type DataLoader from 'dataloader';
import type { BaseContext, Logger } from '@sbor/core';
import type { LiveNotifications } from './domain/live.js';
import type { Notification } from './domain/notification.js';
import type { Notifications } from './domain/notifications.js';
import type { NotificationSettings } from './domain/settings.js';

export interface NotificationsContext extends BaseContext {
  logger: Logger;
  notifications: Notifications;
  settings: NotificationSettings;
  live: LiveNotifications;
  /** Batches `_entities` lookups of one request; only the viewer's own notifications load. */
  notificationById: DataLoader<string, Notification | null>;
}
