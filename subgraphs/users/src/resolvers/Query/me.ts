import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Anonymous callers get null rather than UNAUTHENTICATED: `me` is how a client asks whether it is signed in. */
export const me: QueryResolvers['me'] = (_parent, _args, { accounts, viewer }) => (viewer ? accounts.byId(viewer.userId) : null);
