import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { registerInput } from '../../domain/validation.js';

export const register: MutationResolvers['register'] = (_parent, { input }, { accounts, clientIp }) => {
  const account = parseInput(registerInput, input);
  return accounts.register(account, clientIp);
};
