import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { refundInput } from '../../domain/validation.js';
import { orderIdOrNotFound } from './order-id.js';

export const refundOrder: MutationResolvers['refundOrder'] = (_parent, { orderId, ticketIds, reason }, { refunding, viewer }) => {
  const organizer = requireViewer(viewer);
  const request = parseInput(refundInput, { ticketIds, reason });
  return refunding.refund(organizer, orderIdOrNotFound(orderId), request);
};
