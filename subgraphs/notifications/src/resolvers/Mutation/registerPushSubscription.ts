import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { pushSubscriptionInput } from '../../domain/validation.js';

export const registerPushSubscription: MutationResolvers['registerPushSubscription'] = (_parent, { input }, { preferences, viewer }) => {
  const owner = requireViewer(viewer);
  const browser = parseInput(pushSubscriptionInput, input);
  return preferences.registerPush(owner, browser);
};
