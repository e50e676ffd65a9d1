import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const updateProfile: MutationResolvers['updateProfile'] = (_parent, { input }, { accounts, viewer }) =>
  accounts.updateProfile(viewer, input);
