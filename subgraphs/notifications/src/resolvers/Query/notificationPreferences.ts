import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const notificationPreferences: QueryResolvers['notificationPreferences'] = (_parent, _args, { preferences, viewer }) =>
  preferences.of(requireViewer(viewer));
