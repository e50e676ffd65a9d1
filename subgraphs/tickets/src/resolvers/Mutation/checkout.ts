import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { orderIdOrNotFound } from './order-id.js';

export const checkout: MutationResolvers['checkout'] = (_parent, { orderId, provider }, { checkout: payments, viewer }) => {
  const buyer = requireViewer(viewer);
  return payments.checkout(buyer, orderIdOrNotFound(orderId), provider);
};
