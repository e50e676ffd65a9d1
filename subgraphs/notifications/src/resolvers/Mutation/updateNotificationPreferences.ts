import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { preferencesInput } from '../../domain/validation.js';

export const updateNotificationPreferences: MutationResolvers['updateNotificationPreferences'] = (
  _parent,
  { input },
  { preferences, viewer },
) => {
  const owner = requireViewer(viewer);
  const change = parseInput(preferencesInput, input);
  return preferences.update(owner, change);
};
