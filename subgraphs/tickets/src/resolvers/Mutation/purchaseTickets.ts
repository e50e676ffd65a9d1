import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { purchaseInput } from '../../domain/validation.js';

export const purchaseTickets: MutationResolvers['purchaseTickets'] = (_parent, { input }, { purchases, viewer }) => {
  const buyer = requireViewer(viewer);
  const order = parseInput(purchaseInput, input);
  return purchases.purchase(buyer, order);
};
