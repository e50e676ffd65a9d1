import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { orderInput } from '../../domain/validation.js';

export const reserveTickets: MutationResolvers['reserveTickets'] = (_parent, { input }, { ordering, viewer }) => {
  const buyer = requireViewer(viewer);
  const order = parseInput(orderInput, input);
  return ordering.reserve(buyer, order);
};
