/**
 * The flash sale's baselines: a free purchase's database work alone, sent at the benchmark's
 * concurrency over a postgres.js pool of the service's size, against a scratch database migrated
 * with the tickets service's own migrations (tickets-scratch.ts). The values
 * (order number, tickets with signed QR payloads, the order.paid and ticket.purchased facts) are
 * made beforehand by the service's own functions, as `Ordering` makes them. Two shapes, both
 * measured in every run:
 *
 * - `statement`: what the tickets service sends for a free order today: `placeOrder` with
 *   `mode: 'sell'` (subgraphs/tickets/src/db/queries/place-order.ts), called as is through drizzle
 *   like the service — conditional stock update, order, line, tickets and facts in one autocommit
 *   statement.
 * - `transaction`: the same work as issue 6 words it, a transaction with a round trip per
 *   statement (shared sale lock, cancelled check, order claim, conditional update, line, ticket,
 *   facts), which is how the service sold before the single statement.
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import type { Db } from '@sbor/db';
import { placeOrder, type OrderPlacement } from '../../subgraphs/tickets/src/db/queries/place-order.js';
import { issueTickets } from '../../subgraphs/tickets/src/domain/issuing.js';
import { newOrderNumber } from '../../subgraphs/tickets/src/domain/order-rules.js';
import { DEFAULT_ORDERS_PER_USER_PER_MINUTE } from '../../subgraphs/tickets/src/domain/ordering.js';
import { factRow } from '../../subgraphs/tickets/src/messaging/facts.js';
import { race, verifyTickets, type FlashSaleSize } from './sale-race.js';
import { SERVICE_POOL, ticketsScratch, type ScratchTicketType, type TicketsScratch } from './tickets-scratch.js';

type Sql = postgres.Sql;

export type BaselineShape = 'statement' | 'transaction';

/** A free order of one ticket, with everything the statement stores made beforehand (Ordering.place). */
function freeOrder(scratch: TicketsScratch, type: ScratchTicketType, buyerId: string): OrderPlacement {
  const order = {
    id: randomUUID(),
    number: newOrderNumber(),
    eventId: type.eventId,
    organizerId: type.organizerId,
    buyerId,
    idempotencyKey: randomUUID(),
    totalCents: 0,
    currency: 'EUR',
    expiresAt: null,
    voucher: null,
    attendees: null,
  };
  const lines = [{ ticketTypeId: type.typeId, quantity: 1, unitPriceCents: 0, discountCents: 0, maxPerUser: null }];
  const issued = issueTickets(scratch.keys, order, lines, type.eventEndsAt, 'FREE');
  return {
    order,
    lines,
    mode: 'sell',
    tickets: issued.tickets,
    facts: issued.facts.map(factRow),
    perMinute: DEFAULT_ORDERS_PER_USER_PER_MINUTE,
  };
}

/** The service's statement, called as the service calls it. */
async function sellInOneStatement(db: Db, placement: OrderPlacement): Promise<boolean> {
  const outcome = await placeOrder(db, placement);
  if (outcome === 'DUPLICATE') throw new Error('placeOrder answered DUPLICATE for a fresh key');
  return outcome === 'PLACED';
}

class SoldOut extends Error {}

/**
 * The same work with a round trip per statement, the ticket type's row lock held from the update
 * to COMMIT. Sent with postgres.js itself, as this shape always was (the bench does not depend on
 * drizzle; one query builder call per statement is not what separates the shapes).
 */
async function sellInTransaction(sql: Sql, placement: OrderPlacement): Promise<boolean> {
  const { order, lines, tickets, facts } = placement;
  const line = lines[0]!;
  const ticket = tickets[0]!;
  try {
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock_shared(hashtextextended(${`tickets.event:${order.eventId}`}, 0))`;
      const cancelled = await tx`select event_id from tickets.cancelled_events where event_id = ${order.eventId}`;
      if (cancelled.length > 0) throw new Error('EVENT_CANCELLED');
      await tx`
        insert into tickets.orders (id, number, event_id, organizer_id, buyer_id, idempotency_key, status, total_cents, currency, paid_at)
        values (${order.id}, ${order.number}, ${order.eventId}, ${order.organizerId}, ${order.buyerId}, ${order.idempotencyKey},
          'PAID', ${order.totalCents}, ${order.currency}, now())`;
      const stocked = await tx`
        update tickets.ticket_types set sold = sold + ${line.quantity}
        where id = ${line.ticketTypeId} and event_id = ${order.eventId} and held + sold + ${line.quantity} <= quantity and not sales_closed
        returning id`;
      if (stocked.length === 0) throw new SoldOut();
      await tx`
        insert into tickets.order_lines (order_id, ticket_type_id, quantity, unit_price_cents, discount_cents)
        values (${order.id}, ${line.ticketTypeId}, ${line.quantity}, ${line.unitPriceCents}, ${line.discountCents})`;
      await tx`
        insert into tickets.tickets (id, code, event_id, ticket_type_id, order_id, owner_id, qr_payload)
        values (${ticket.id}, ${ticket.code}, ${order.eventId}, ${ticket.ticketTypeId}, ${order.id}, ${order.buyerId}, ${ticket.qrPayload})`;
      await tx`insert into tickets.outbox ${tx(facts, 'id', 'topic', 'key', 'payload')}`;
    });
    return true;
  } catch (error) {
    if (error instanceof SoldOut) return false;
    throw error;
  }
}

export async function baselineSale(size: FlashSaleSize, shape: BaselineShape) {
  const scratch = await ticketsScratch(shape);
  try {
    const type = await scratch.ticketType(size.quantity, 0);
    const buyerIds = Array.from({ length: size.connections }, () => randomUUID());
    // The transaction shape gets a postgres.js pool of its own, of the same size; drizzle's stays idle.
    const client = shape === 'transaction' ? postgres(scratch.url, { max: SERVICE_POOL, onnotice: () => {} }) : undefined;
    const sell = (placement: OrderPlacement) => (client ? sellInTransaction(client, placement) : sellInOneStatement(scratch.db, placement));
    try {
      const run = await race(size.connections, size.attempts, async (i) => {
        const sold = await sell(freeOrder(scratch, type, buyerIds[i % buyerIds.length]!));
        return sold ? 'SOLD' : 'SOLD_OUT';
      });
      const check = await verifyTickets(scratch.url, type.typeId, size.quantity, `baseline (${shape})`);
      return { run, check };
    } finally {
      await client?.end();
    }
  } finally {
    await scratch.close();
  }
}
