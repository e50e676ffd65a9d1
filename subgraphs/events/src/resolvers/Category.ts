import type { CategoryResolvers } from '../__generated__/resolvers-types.js';

export const Category: CategoryResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.category.load(reference.id),
};
