import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const register: MutationResolvers['register'] = (_parent, { input }, { accounts, clientIp }) =>
  accounts.register(input, clientIp);
