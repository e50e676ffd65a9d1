import type { OrderLineResolvers, OrderResolvers, RefundResolvers } from '../__generated__/resolvers-types.js';

export const Order: OrderResolvers = {
  // _entities applies the same rule as Query.order: a stranger's order resolves to null.
  __resolveReference: (reference, { loaders }) => loaders.visibleOrder.load(reference.id),
  event: (order) => ({ id: order.eventId }),
  buyer: (order) => ({ id: order.buyerId }),
  expiresAt: (order) => (order.status === 'RESERVED' ? order.expiresAt : null),
  lines: (order, _args, { loaders }) => loaders.orderLines.load(order.id),
  payment: (order, _args, { loaders }) => loaders.orderPayment.load(order.id),
  tickets: (order, _args, { loaders }) => loaders.orderTickets.load(order.id),
  refunds: (order, _args, { loaders }) => loaders.orderRefunds.load(order.id),
  voucher: (order, _args, { loaders }) => (order.voucherId ? loaders.voucher.load(order.voucherId) : null),
};

export const OrderLine: OrderLineResolvers = {
  ticketType: async (line, _args, { loaders }) => (await loaders.ticketType.load(line.ticketTypeId))!,
};

export const Refund: RefundResolvers = {
  tickets: async (refund, _args, { loaders }) => {
    const tickets = await Promise.all(refund.ticketIds.map((id) => loaders.visibleTicket.load(id)));
    return tickets.filter((t) => t !== null);
  },
};
