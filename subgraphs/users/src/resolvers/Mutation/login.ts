import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const login: MutationResolvers['login'] = (_parent, { email, password }, { accounts, clientIp }) =>
  accounts.login(email, password, clientIp);
