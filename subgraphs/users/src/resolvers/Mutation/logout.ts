import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const logout: MutationResolvers['logout'] = async (_parent, { refreshToken }, { accounts }) => {
  await accounts.logout(refreshToken);
  return true;
};
