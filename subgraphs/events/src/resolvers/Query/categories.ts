import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const categories: QueryResolvers['categories'] = (_parent, _args, { categories }) => categories.list();
