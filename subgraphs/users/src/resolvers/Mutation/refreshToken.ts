import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const refreshToken: MutationResolvers['refreshToken'] = (_parent, args, { accounts, clientIp }) =>
  accounts.refresh(args.refreshToken, clientIp);
