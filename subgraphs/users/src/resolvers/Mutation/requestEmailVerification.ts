import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const requestEmailVerification: MutationResolvers['requestEmailVerification'] = async (
  _parent,
  _args,
  { accounts, viewer, clientIp },
) => {
  const user = requireViewer(viewer);
  await accounts.requestEmailVerification(user, clientIp);
  return true;
};
