import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Executor, type Tx } from '@sbor/db';
import { cancelledEvents } from '../cancelled-events.js';
import { outbox } from '../outbox.js';
import { purchases } from '../purchases.js';
import { ticketTypes } from '../ticket-types.js';
import { tickets } from '../tickets.js';

export interface SaleRecord {
  purchase: { id: string; userId: string; idempotencyKey: string; eventId: string; ticketTypeId: string; quantity: number };
  purchasedAt: Date;
  /** Ids, codes and signed QR payloads are made before the statement, so it needs no second trip. */
  tickets: { id: string; code: string; qrPayload: string }[];
  /** One `ticket.purchased` outbox row per ticket. */
  facts: { id: string; topic: string; key: string; payload: string }[];
}

/** CANCELLED: sales are closed by the event's cancellation; DUPLICATE: the (user, key) pair already bought; SOLD_OUT: not enough seats. */
export type SaleOutcome = 'SOLD' | 'CANCELLED' | 'DUPLICATE' | 'SOLD_OUT';

interface Counts {
  prior: number;
  reserved: number;
  claimed: number;
  sold: number;
  facts: number;
}

/**
 * The whole sale as one statement, so it is its own transaction and holds the ticket type's row
 * lock only while PostgreSQL runs it, never across a round trip to Node: buyers of one type queue on
 * that lock. In order, each step only if the one before it succeeded: the conditional
 * `sold + n <= quantity` update (also requiring the event's sales still open and the key unused),
 * the purchase row that claims the (user, key) pair, the tickets and one outbox fact per ticket.
 *
 * Races are settled by PostgreSQL, not by this snapshot: a buyer that waited on the row lock
 * re-checks `sold` and `sales_closed` on the version the other transaction committed (a sale, or
 * the event's cancellation, see closeSalesOfEvent), and a racing request with the same key fails
 * the unique index once the first commits, which undoes this whole statement.
 */
export async function recordSale(db: Executor, sale: SaleRecord): Promise<SaleOutcome> {
  const { purchase } = sale;
  let result: unknown;
  try {
    result = await db.execute(sql`
      with prior as (
        select 1 from ${purchases} where user_id = ${purchase.userId} and idempotency_key = ${purchase.idempotencyKey}
      ), reserved as (
        update ${ticketTypes} set sold = sold + ${purchase.quantity}
        where id = ${purchase.ticketTypeId} and sold + ${purchase.quantity} <= quantity and not sales_closed
          and not exists (select 1 from prior)
          and not exists (select 1 from ${cancelledEvents} where event_id = ${purchase.eventId})
        returning id
      ), claim as (
        insert into ${purchases} (id, user_id, idempotency_key, event_id, ticket_type_id, quantity)
        select ${purchase.id}, ${purchase.userId}, ${purchase.idempotencyKey}, ${purchase.eventId}, ${purchase.ticketTypeId}, ${purchase.quantity}
        where exists (select 1 from reserved)
        returning id
      ), sold as (
        insert into ${tickets} (id, code, event_id, ticket_type_id, purchase_id, owner_id, qr_payload, purchased_at)
        select t.id, t.code, ${purchase.eventId}, ${purchase.ticketTypeId}, c.id, ${purchase.userId}, t.qr_payload, ${sale.purchasedAt.toISOString()}::timestamptz
        from claim c, jsonb_to_recordset(${JSON.stringify(sale.tickets.map((t) => ({ id: t.id, code: t.code, qr_payload: t.qrPayload })))}::jsonb)
          as t(id uuid, code text, qr_payload text)
        returning id
      ), facts as (
        insert into ${outbox} (id, topic, key, payload)
        select f.id, f.topic, f.key, f.payload
        from jsonb_to_recordset(${JSON.stringify(sale.facts)}::jsonb) as f(id uuid, topic text, key text, payload text)
        where exists (select 1 from sold)
        returning id
      )
      select (select count(*) from prior)::int as prior, (select count(*) from reserved)::int as reserved,
        (select count(*) from claim)::int as claimed, (select count(*) from sold)::int as sold,
        (select count(*) from facts)::int as facts`);
  } catch (error) {
    if (isUniqueViolation(error, 'purchases_user_key_unique')) return 'DUPLICATE';
    throw error;
  }
  const [counts] = rowsOf<Counts>(result);
  if (counts?.prior) return 'DUPLICATE';
  if (!counts?.reserved) return (await salesClosed(db, purchase.ticketTypeId, purchase.eventId)) ? 'CANCELLED' : 'SOLD_OUT';
  if (counts.sold !== sale.tickets.length || counts.facts !== sale.facts.length) {
    // Cannot happen while the statement is as written; it is one transaction, so nothing was half-sold.
    throw new Error(`Sale wrote ${counts.sold} tickets and ${counts.facts} facts for ${sale.tickets.length}.`);
  }
  return 'SOLD';
}

/** Read after a refused update, in a fresh snapshot: was it the cancellation rather than the seats? */
async function salesClosed(db: Executor, ticketTypeId: string, eventId: string): Promise<boolean> {
  const rows = rowsOf<{ closed: boolean }>(
    await db.execute(sql`
      select (coalesce((select sales_closed from ${ticketTypes} where id = ${ticketTypeId}), false)
        or exists (select 1 from ${cancelledEvents} where event_id = ${eventId})) as closed`),
  );
  return rows[0]?.closed === true;
}

/**
 * Closes the sales of every ticket type of a cancelled event, inside the cancellation's
 * transaction. Taking these rows' locks waits for sales in flight (each holds its type's row for
 * one statement), so the tickets they sold are committed before the cancellation reads them; a
 * sale that comes later finds `sales_closed` and sells nothing.
 */
export async function closeSalesOfEvent(tx: Tx, eventId: string): Promise<void> {
  await tx.update(ticketTypes).set({ salesClosed: true }).where(eq(ticketTypes.eventId, eventId));
}

function isUniqueViolation(error: unknown, constraint: string): boolean {
  // postgres.js puts the SQLSTATE on the error, PGlite too; drizzle may wrap it as `cause`.
  for (let current: unknown = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    const { code, constraint_name: name, constraint: other } = current as { code?: string; constraint_name?: string; constraint?: string };
    if (code === '23505' && (name ?? other) === constraint) return true;
  }
  return false;
}
