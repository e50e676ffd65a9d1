/** The facts this service produces, written to the outbox inside the transaction that makes them true. */
import type { Tx } from '@sbor/db';
import { enqueue, makeFact, Topics, type Fact } from '@sbor/messaging';
import { outbox } from '../db/outbox.js';
import type { TicketRow } from '../db/tickets.js';

// The message key is the ticket id (the aggregate), so one ticket's facts stay in order.

type SoldTicket = Pick<TicketRow, 'id' | 'eventId' | 'ticketTypeId' | 'ownerId' | 'code' | 'status' | 'purchasedAt'>;

/** Built before the sale's single statement, which inserts it with the ticket (db/queries/sale.ts). */
export function ticketPurchasedFact(ticket: SoldTicket): Fact {
  return makeFact(Topics.ticketPurchased, {
    ticket_id: ticket.id,
    event_id: ticket.eventId,
    ticket_type_id: ticket.ticketTypeId,
    user_id: ticket.ownerId,
    code: ticket.code,
    status: ticket.status,
    purchased_at: ticket.purchasedAt.toISOString(),
  });
}

export async function ticketCheckedIn(tx: Tx, ticket: TicketRow, by: string): Promise<void> {
  const fact = makeFact(Topics.ticketCheckin, {
    ticket_id: ticket.id,
    event_id: ticket.eventId,
    user_id: ticket.ownerId,
    checked_in_at: (ticket.checkedInAt ?? new Date()).toISOString(),
    checked_in_by: by,
  });
  await enqueue(tx, outbox, fact, ticket.id);
}

export async function ticketCancelled(tx: Tx, ticket: TicketRow, reason: string): Promise<void> {
  const fact = makeFact(Topics.ticketCancelled, {
    ticket_id: ticket.id,
    event_id: ticket.eventId,
    user_id: ticket.ownerId,
    code: ticket.code,
    reason,
    cancelled_at: (ticket.cancelledAt ?? new Date()).toISOString(),
  });
  await enqueue(tx, outbox, fact, ticket.id);
}
