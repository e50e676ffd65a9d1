import type { Db } from '@sbor/db';
import type { TicketsRepositories } from '../domain/repositories.js';
import { ticketCheckedIn } from '../messaging/facts.js';
import { findPurchase } from './queries/purchases.js';
import { recordSale } from './queries/sale.js';
import { salesByType } from './queries/stats.js';
import { findTicketType, findTicketTypesByIds, insertTicketType, seatsLeft, ticketTypesOfEvents } from './queries/ticket-types.js';
import { findTicket, markUsed, ticketForOrganizer, ticketsOfOwner, ticketsOfPurchase, ticketsVisibleTo } from './queries/tickets.js';

/** The tickets domain's repositories on PostgreSQL (or PGlite): each method one query or one transaction. */
export function ticketsRepositories(db: Db): TicketsRepositories {
  return {
    ticketTypes: {
      insert: (values) => insertTicketType(db, values),
      find: (id) => findTicketType(db, id),
      byIds: (ids) => findTicketTypesByIds(db, ids),
      ofEvents: (eventIds) => ticketTypesOfEvents(db, eventIds),
      seatsLeft: (id) => seatsLeft(db, id),
      salesByType: (eventId) => salesByType(db, eventId),
    },
    sales: {
      findPurchase: (userId, key) => findPurchase(db, userId, key),
      ticketsOfPurchase: (purchaseId) => ticketsOfPurchase(db, purchaseId),
      recordSale: (sale) => recordSale(db, sale),
    },
    tickets: {
      ofOwner: (ownerId) => ticketsOfOwner(db, ownerId),
      visibleTo: (ids, viewerId) => ticketsVisibleTo(db, ids, viewerId),
      forOrganizer: (by, organizerId) => ticketForOrganizer(db, by, organizerId),
      find: (id) => findTicket(db, id),
      checkIn: (ticketId, by) =>
        db.transaction(async (tx) => {
          const row = await markUsed(tx, ticketId, by);
          if (row) await ticketCheckedIn(tx, row, by);
          return row;
        }),
    },
  };
}
