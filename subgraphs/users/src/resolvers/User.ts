import type { UserResolvers } from '../__generated__/resolvers-types.js';

export const User: UserResolvers = {
  // Other subgraphs reference users by id; only public fields leave this service for them.
  __resolveReference: (reference, { userLoader }) => userLoader.load(reference.id),
  email: (user, _args, { viewer }) => (user.isSessionOwner || viewer?.userId === user.id ? user.email : null),
  emailVerified: (user, _args, { viewer }) => (user.isSessionOwner || viewer?.userId === user.id ? user.emailVerified : null),
};
