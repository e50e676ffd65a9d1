import { parseInput } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';
import { updateCategoryInput } from '../../domain/validation.js';

export const updateCategory: MutationResolvers['updateCategory'] = (_parent, { id, input }, { categories, viewer }) => {
  const organizer = requireOrganizer(viewer);
  const changes = parseInput(updateCategoryInput, input);
  return categories.update(organizer, id, changes);
};
