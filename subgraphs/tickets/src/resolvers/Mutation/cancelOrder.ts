import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { orderIdOrNotFound } from './order-id.js';

export const cancelOrder: MutationResolvers['cancelOrder'] = (_parent, { orderId }, { ordering, viewer }) => {
  const buyer = requireViewer(viewer);
  return ordering.cancel(buyer, orderIdOrNotFound(orderId));
};
