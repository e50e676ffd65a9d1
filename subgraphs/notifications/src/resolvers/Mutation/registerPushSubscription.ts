import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const registerPushSubscription: MutationResolvers['registerPushSubscription'] = (
  _parent,
  { input },
  { preferences, pushSubscriptionInput, viewer },
) => {
  const owner = requireViewer(viewer);
  const browser = parseInput(pushSubscriptionInput, input);
  return preferences.registerPush(owner, browser);
};
