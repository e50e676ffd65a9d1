import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';

export const deleteCategory: MutationResolvers['deleteCategory'] = (_parent, { id }, { categories, viewer }) =>
  categories.delete(requireOrganizer(viewer), id);
