import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const createCategory: MutationResolvers['createCategory'] = (_parent, { input }, { categories, viewer }) =>
  categories.create(viewer, input);
