import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { profileInput } from '../../domain/validation.js';

export const updateProfile: MutationResolvers['updateProfile'] = (_parent, { input }, { accounts, viewer }) => {
  const user = requireViewer(viewer);
  const changes = parseInput(profileInput, input);
  return accounts.updateProfile(user, changes);
};
