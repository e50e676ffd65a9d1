import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';
import { categoryInput } from '../../domain/validation.js';

export const createCategory: MutationResolvers['createCategory'] = (_parent, { input }, { categories, viewer }) => {
  const organizer = requireOrganizer(viewer);
  const category = parseInput(categoryInput, input);
  return categories.create(organizer, category);
};
