import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const registerPushSubscription: MutationResolvers['registerPushSubscription'] = (_parent, { input }, { settings, viewer }) =>
  settings.registerPush(viewer, input);
