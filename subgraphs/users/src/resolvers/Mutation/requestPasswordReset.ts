import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const requestPasswordReset: MutationResolvers['requestPasswordReset'] = async (_parent, { email }, { accounts, clientIp }) => {
  await accounts.requestPasswordReset(email, clientIp);
  return true;
};
