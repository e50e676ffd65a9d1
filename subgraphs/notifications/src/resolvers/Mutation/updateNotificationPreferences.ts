import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const updateNotificationPreferences: MutationResolvers['updateNotificationPreferences'] = (_parent, { input }, { settings, viewer }) =>
  settings.updatePreferences(viewer, input);
