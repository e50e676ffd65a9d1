import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { resetPasswordInput } from '../../domain/validation.js';

export const resetPassword: MutationResolvers['resetPassword'] = async (_parent, args, { accounts }) => {
  const { token, newPassword } = parseInput(resetPasswordInput, args);
  await accounts.resetPassword(token, newPassword);
  return true;
};
