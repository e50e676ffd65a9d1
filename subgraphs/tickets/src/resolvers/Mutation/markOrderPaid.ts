import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { orderIdOrNotFound } from './order-id.js';

export const markOrderPaid: MutationResolvers['markOrderPaid'] = (_parent, { orderId }, { checkout, viewer }) => {
  const organizer = requireViewer(viewer);
  return checkout.markPaid(organizer, orderIdOrNotFound(orderId));
};
