export { notificationsSubgraph } from './subgraph.js';
export { notificationsSettings, type NotificationsSettings } from './config.js';
export { liveChannel } from './domain/live.js';
export { DEFAULT_PREFERENCES } from './domain/preferences.js';
