import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const me: QueryResolvers['me'] = (_parent, _args, { accounts, viewer }) => accounts.me(viewer);
