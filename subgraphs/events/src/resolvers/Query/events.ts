import { parseInput } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';
import { listingInput } from '../../domain/validation.js';

export const events: QueryResolvers['events'] = (_parent, args, { catalog }) => {
  const listing = parseInput(listingInput, args);
  return catalog.page(listing);
};
