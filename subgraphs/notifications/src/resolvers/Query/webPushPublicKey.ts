import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Public by nature (browsers need it before anyone subscribes), so no sign-in needed. */
export const webPushPublicKey: QueryResolvers['webPushPublicKey'] = (_parent, _args, { preferences }) => preferences.webPushPublicKey();
