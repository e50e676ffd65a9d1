import type { UserResolvers } from '../__generated__/resolvers-types.js';

export const User: UserResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // Own tickets only: anyone else's list reads as empty.
  tickets: (user, _args, { loaders }) => loaders.ticketsOfUser.load(user.id),
};
