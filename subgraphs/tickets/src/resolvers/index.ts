import { DateTimeScalar } from '@sbor/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Event } from './Event.js';
import { checkInTicket } from './Mutation/checkInTicket.js';
import { createTicketType } from './Mutation/createTicketType.js';
import { purchaseTickets } from './Mutation/purchaseTickets.js';
import { cancelOrder } from './Mutation/cancelOrder.js';
import { checkout } from './Mutation/checkout.js';
import { markOrderPaid } from './Mutation/markOrderPaid.js';
import { refundOrder } from './Mutation/refundOrder.js';
import { reserveTickets } from './Mutation/reserveTickets.js';
import { validateTicket } from './Mutation/validateTicket.js';
import { Order, OrderLine, Refund } from './Order.js';
import { myOrders } from './Query/myOrders.js';
import { order } from './Query/order.js';
import { myTickets } from './Query/myTickets.js';
import { ticket } from './Query/ticket.js';
import { Ticket } from './Ticket.js';
import { TicketType } from './TicketType.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { myTickets, ticket, myOrders, order },
  Mutation: {
    createTicketType,
    purchaseTickets,
    reserveTickets,
    checkout,
    cancelOrder,
    markOrderPaid,
    refundOrder,
    validateTicket,
    checkInTicket,
  },
  Event,
  User,
  Ticket,
  TicketType,
  Order,
  OrderLine,
  Refund,
};
