import { DateTimeScalar } from '@sbor/core';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { Event } from './Event.js';
import { checkInTicket } from './Mutation/checkInTicket.js';
import { createTicketType } from './Mutation/createTicketType.js';
import { purchaseTickets } from './Mutation/purchaseTickets.js';
import { validateTicket } from './Mutation/validateTicket.js';
import { myTickets } from './Query/myTickets.js';
import { ticket } from './Query/ticket.js';
import { Ticket } from './Ticket.js';
import { TicketType } from './TicketType.js';
import { User } from './User.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Query: { myTickets, ticket },
  Mutation: { createTicketType, purchaseTickets, validateTicket, checkInTicket },
  Event,
  User,
  Ticket,
  TicketType,
};
