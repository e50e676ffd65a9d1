import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { purchaseInput } from '../../domain/validation.js';

export const purchaseTickets: MutationResolvers['purchaseTickets'] = (_parent, { input }, { ordering, viewer }) => {
  const buyer = requireViewer(viewer);
  const purchase = parseInput(purchaseInput, input);
  return ordering.purchase(buyer, purchase);
};
