/** The facts this service produces, written to the outbox inside the transaction that makes them true. */
import type { Tx } from '@sbor/db';
import { enqueue, makeFact, outboxRow, Topics, type Fact } from '@sbor/messaging';
import { outbox } from '../db/outbox.js';
import type { TicketRow } from '../db/tickets.js';

// The message key is the ticket id (the aggregate), so one ticket's facts stay in order. No fact
// carries a ticket's code or QR payload: those admit whoever holds them (see contracts.ts).

type SoldTicket = Pick<TicketRow, 'id' | 'eventId' | 'ticketTypeId' | 'ownerId' | 'status' | 'purchasedAt'>;

/** Built before the sale's single statement, which inserts it with the ticket (db/queries/sale.ts). */
export function ticketPurchasedFact(ticket: SoldTicket): Fact {
  return makeFact(Topics.ticketPurchased, {
    ticket_id: ticket.id,
    event_id: ticket.eventId,
    ticket_type_id: ticket.ticketTypeId,
    user_id: ticket.ownerId,
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

/** A check-in taken back (`USED` → `ACTIVE`): the holder's ticket admits again, and reminders reach them again. */
export async function ticketCheckInUndone(tx: Tx, ticket: TicketRow, checkedInAt: Date, by: string): Promise<void> {
  const fact = makeFact(Topics.ticketCheckinUndone, {
    ticket_id: ticket.id,
    event_id: ticket.eventId,
    user_id: ticket.ownerId,
    checked_in_at: checkedInAt.toISOString(),
    undone_at: new Date().toISOString(),
    undone_by: by,
  });
  await enqueue(tx, outbox, fact, ticket.id);
}

/** `reason`: `EVENT_CANCELLED` or `REFUNDED`; the notification text is chosen from it. */
export function ticketCancelledFact(ticket: TicketRow, reason: string): Fact {
  return makeFact(Topics.ticketCancelled, {
    ticket_id: ticket.id,
    event_id: ticket.eventId,
    user_id: ticket.ownerId,
    reason,
    cancelled_at: (ticket.cancelledAt ?? new Date()).toISOString(),
  });
}

export async function ticketCancelled(tx: Tx, ticket: TicketRow, reason: string): Promise<void> {
  await enqueue(tx, outbox, ticketCancelledFact(ticket, reason), ticket.id);
}

type OrderRef = { id: string; number: string; eventId: string; buyerId: string };
const orderFields = (order: OrderRef) => ({ order_id: order.id, number: order.number, event_id: order.eventId, buyer_id: order.buyerId });

/** The message key: the aggregate the fact is about (an order's facts by order id, a ticket's by ticket id), so each stays in order. */
export function aggregateKey(fact: Fact): string {
  const data = fact.data as { order_id?: string; ticket_id?: string };
  return data.order_id ?? data.ticket_id ?? fact.id;
}

/** The outbox row of a fact, under its aggregate's key. */
export const factRow = (fact: Fact) => outboxRow(fact, aggregateKey(fact));

export function orderReservedFact(
  order: OrderRef & { totalCents: number; currency: string; expiresAt: Date },
  lines: { ticketTypeId: string; quantity: number }[],
): Fact {
  return makeFact(Topics.orderReserved, {
    ...orderFields(order),
    total_cents: order.totalCents,
    currency: order.currency,
    expires_at: order.expiresAt.toISOString(),
    lines: lines.map((l) => ({ ticket_type_id: l.ticketTypeId, quantity: l.quantity })),
  });
}

export function orderPaidFact(
  order: OrderRef & { totalCents: number; currency: string },
  provider: 'FREE' | 'OFFLINE' | 'SANDBOX' | 'STRIPE',
  ticketIds: string[],
  paidAt: Date,
): Fact {
  return makeFact(Topics.orderPaid, {
    ...orderFields(order),
    total_cents: order.totalCents,
    currency: order.currency,
    provider,
    paid_at: paidAt.toISOString(),
    ticket_ids: ticketIds,
  });
}

export const orderExpiredFact = (order: OrderRef, at: Date): Fact =>
  makeFact(Topics.orderExpired, { ...orderFields(order), expired_at: at.toISOString() });

export const orderCancelledFact = (order: OrderRef, reason: 'BUYER' | 'EVENT_CANCELLED', at: Date): Fact =>
  makeFact(Topics.orderCancelled, { ...orderFields(order), reason, cancelled_at: at.toISOString() });

export function orderRefundedFact(
  order: OrderRef & { currency: string },
  refund: { id: string; amountCents: number; reason: string | null; ticketIds: readonly string[] },
  status: 'RESERVED' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'EXPIRED' | 'CANCELLED',
  at: Date,
): Fact {
  return makeFact(Topics.orderRefunded, {
    ...orderFields(order),
    refund_id: refund.id,
    amount_cents: refund.amountCents,
    currency: order.currency,
    ticket_ids: [...refund.ticketIds],
    reason: refund.reason,
    status,
    refunded_at: at.toISOString(),
  });
}

/** A waiting-list entry got a hold: the user may buy `quantity` tickets until `offerExpiresAt`. */
export function waitingListOfferedFact(
  order: OrderRef & { totalCents: number; currency: string },
  entry: { id: string; ticketTypeId: string; quantity: number; offerExpiresAt: Date },
): Fact {
  return makeFact(Topics.waitingListOffered, {
    ...orderFields(order),
    entry_id: entry.id,
    ticket_type_id: entry.ticketTypeId,
    quantity: entry.quantity,
    total_cents: order.totalCents,
    currency: order.currency,
    offer_expires_at: entry.offerExpiresAt.toISOString(),
  });
}
