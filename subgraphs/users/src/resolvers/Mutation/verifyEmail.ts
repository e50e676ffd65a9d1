import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const verifyEmail: MutationResolvers['verifyEmail'] = async (_parent, { token }, { accounts }) => {
  await accounts.verifyEmail(token);
  return true;
};
