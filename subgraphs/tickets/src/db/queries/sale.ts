import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@sbor/db';
import { cancelledEvents } from '../cancelled-events.js';
import { outbox } from '../messaging.js';
import { purchases } from '../purchases.js';
import { ticketTypes } from '../ticket-types.js';
import { tickets } from '../tickets.js';
import { lockEventForSale } from './events.js';

export interface SaleRecord {
  purchase: { id: string; userId: string; idempotencyKey: string; eventId: string; ticketTypeId: string; quantity: number };
  purchasedAt: Date;
  /** Ids, codes and signed QR payloads are made before the statement, so it needs no second trip. */
  tickets: { id: string; code: string; qrPayload: string }[];
  /** One `ticket.purchased` outbox row per ticket. */
  facts: { id: string; topic: string; key: string; payload: string }[];
}

/** CANCELLED: the event was cancelled; DUPLICATE: the (user, key) claim was taken; SOLD_OUT: not enough seats. */
export type SaleOutcome = 'SOLD' | 'CANCELLED' | 'DUPLICATE' | 'SOLD_OUT';

interface Counts {
  open: number;
  claimed: number;
  reserved: number;
  sold: number;
  facts: number;
}

/**
 * The whole sale in one statement, after the event's sale lock: the cancellation check, the
 * idempotency claim, the conditional `sold + n <= quantity` update, the tickets and their facts.
 * Each step runs only if the one before it succeeded, so a refusal writes nothing but the claim,
 * which the caller's rollback removes. Doing it in one statement keeps the ticket type's row lock
 * from the update to the commit, not across several round trips: buyers of one type queue on it.
 *
 * The lock and the statement are sent together (pipelined); PostgreSQL still runs them in order,
 * and the statement's snapshot is taken once the lock is held, so it sees a cancellation that
 * committed while it waited.
 */
export async function recordSale(tx: Tx, sale: SaleRecord): Promise<SaleOutcome> {
  const { purchase } = sale;
  // Sent first; the statement below queues behind it on the transaction's connection.
  const locked = lockEventForSale(tx, purchase.eventId);
  const statement = tx.execute(sql`
    with open as (
      select 1 where not exists (select 1 from ${cancelledEvents} where event_id = ${purchase.eventId})
    ), claim as (
      insert into ${purchases} (id, user_id, idempotency_key, event_id, ticket_type_id, quantity)
      select ${purchase.id}, ${purchase.userId}, ${purchase.idempotencyKey}, ${purchase.eventId}, ${purchase.ticketTypeId}, ${purchase.quantity}
      where exists (select 1 from open)
      on conflict do nothing
      returning id
    ), reserved as (
      update ${ticketTypes} set sold = sold + ${purchase.quantity}
      where id = ${purchase.ticketTypeId} and sold + ${purchase.quantity} <= quantity and exists (select 1 from claim)
      returning id
    ), sold as (
      insert into ${tickets} (id, code, event_id, ticket_type_id, purchase_id, owner_id, qr_payload, purchased_at)
      select t.id, t.code, ${purchase.eventId}, ${purchase.ticketTypeId}, ${purchase.id}, ${purchase.userId}, t.qr_payload, ${sale.purchasedAt.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(sale.tickets.map((t) => ({ id: t.id, code: t.code, qr_payload: t.qrPayload })))}::jsonb)
        as t(id uuid, code text, qr_payload text)
      where exists (select 1 from reserved)
      returning id
    ), facts as (
      insert into ${outbox} (id, topic, key, payload)
      select f.id, f.topic, f.key, f.payload
      from jsonb_to_recordset(${JSON.stringify(sale.facts)}::jsonb) as f(id uuid, topic text, key text, payload text)
      where exists (select 1 from sold)
      returning id
    )
    select (select count(*) from open)::int as open, (select count(*) from claim)::int as claimed,
      (select count(*) from reserved)::int as reserved, (select count(*) from sold)::int as sold,
      (select count(*) from facts)::int as facts`);
  const [, result] = await Promise.all([locked, statement]);
  const [counts] = rowsOf<Counts>(result);
  if (!counts || counts.open === 0) return 'CANCELLED';
  if (counts.claimed === 0) return 'DUPLICATE';
  if (counts.reserved === 0) return 'SOLD_OUT';
  if (counts.sold !== sale.tickets.length || counts.facts !== sale.facts.length) {
    // Cannot happen while the statement is as written; if it ever does, roll back rather than sell half.
    throw new Error(`Sale wrote ${counts.sold} tickets and ${counts.facts} facts for ${sale.tickets.length}.`);
  }
  return 'SOLD';
}
