export { startNotificationsService, NOTIFICATIONS_SCHEMA_PATH, type NotificationsDeps } from './service.js';
export {
  loadNotificationsConfig,
  loadNotificationsSettings,
  notificationsConfigSchema,
  notificationsSettingsSchema,
  type NotificationsConfig,
  type NotificationsSettings,
} from './config.js';
export { liveChannel } from './domain/live.js';
export { DEFAULT_PREFERENCES } from './domain/preferences.js';
