import { subgraphCodegen } from '../../codegen.subgraph.js';

export default subgraphCodegen({
  contextType: '../context.js#NotificationsContext',
  mappers: {
    Notification: '../domain/notification.js#Notification',
    NotificationPreferences: '../domain/preferences.js#UserPreferences',
  },
  // Models get a suffix so they do not clash with the generated GraphQL types of the same name.
  extra: { mapperTypeSuffix: 'Model' },
});
