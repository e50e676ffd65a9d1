import { DateTimeScalar } from '@sbor/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { CheckIn, DoorStaff } from './Door.js';
import { Event } from './Event.js';
import { addDoorStaff } from './Mutation/addDoorStaff.js';
import { checkInTicket } from './Mutation/checkInTicket.js';
import { createVoucher } from './Mutation/createVoucher.js';
import { createTicketType } from './Mutation/createTicketType.js';
import { purchaseTickets } from './Mutation/purchaseTickets.js';
import { cancelOrder } from './Mutation/cancelOrder.js';
import { checkout } from './Mutation/checkout.js';
import { joinWaitingList } from './Mutation/joinWaitingList.js';
import { leaveWaitingList } from './Mutation/leaveWaitingList.js';
import { markOrderPaid } from './Mutation/markOrderPaid.js';
import { refundOrder } from './Mutation/refundOrder.js';
import { removeDoorStaff } from './Mutation/removeDoorStaff.js';
import { reserveTickets } from './Mutation/reserveTickets.js';
import { setQuestions } from './Mutation/setQuestions.js';
import { undoCheckIn } from './Mutation/undoCheckIn.js';
import { validateTicket } from './Mutation/validateTicket.js';
import { Order, OrderLine, Refund } from './Order.js';
import { myOrders } from './Query/myOrders.js';
import { order } from './Query/order.js';
import { myTickets } from './Query/myTickets.js';
import { myDoorEvents } from './Query/myDoorEvents.js';
import { myWaitingList } from './Query/myWaitingList.js';
import { revokedTickets } from './Query/revokedTickets.js';
import { ticketAvailabilityChanged } from './Subscription/ticketAvailabilityChanged.js';
import { ticket } from './Query/ticket.js';
import { Ticket } from './Ticket.js';
import { TicketType } from './TicketType.js';
import { User } from './User.js';
import { Voucher } from './Voucher.js';
import { WaitingListEntry } from './WaitingListEntry.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { myTickets, ticket, myOrders, order, myWaitingList, myDoorEvents, revokedTickets },
  Mutation: {
    createTicketType,
    purchaseTickets,
    reserveTickets,
    checkout,
    cancelOrder,
    markOrderPaid,
    refundOrder,
    createVoucher,
    setQuestions,
    joinWaitingList,
    leaveWaitingList,
    validateTicket,
    checkInTicket,
    undoCheckIn,
    addDoorStaff,
    removeDoorStaff,
  },
  Subscription: { ticketAvailabilityChanged },
  Event,
  User,
  Ticket,
  TicketType,
  Order,
  OrderLine,
  Refund,
  Voucher,
  WaitingListEntry,
  DoorStaff,
  CheckIn,
};
