import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const notificationPreferences: QueryResolvers['notificationPreferences'] = (_parent, _args, { settings, viewer }) =>
  settings.preferences(viewer);
