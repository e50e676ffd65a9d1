import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '@sbor/db';
import { cancelledEvents } from '../cancelled-events.js';
import { buyerHoldings, orderLines, orders } from '../orders.js';
import { outbox } from '../outbox.js';
import type { AnswerRecord, AttendeeRecord } from '../questions.js';
import { ticketTypes } from '../ticket-types.js';
import { tickets } from '../tickets.js';
import { vouchers } from '../vouchers.js';

export interface PlacedLine {
  ticketTypeId: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  /** The type's limit per buyer, as read before the statement (it never changes), or null. */
  maxPerUser: number | null;
}

export interface OrderPlacement {
  order: {
    id: string;
    number: string;
    eventId: string;
    organizerId: string;
    buyerId: string;
    idempotencyKey: string;
    totalCents: number;
    currency: string;
    /** Set for a hold; null when the order is paid at once. */
    expiresAt: Date | null;
    /** The voucher applied and how many of its uses (tickets) the order takes; null without one. */
    voucher: { id: string; uses: number } | null;
    /** Who each ticket is for, when the buyer said; the tickets take them when issued. */
    attendees: AttendeeRecord[] | null;
  };
  lines: PlacedLine[];
  /** `hold`: RESERVED, the stock held; `sell`: PAID at once (a total of 0), the stock sold and the tickets issued. */
  mode: 'hold' | 'sell';
  /** The tickets to issue when selling; ids, codes and signed payloads are made beforehand, so there is no second trip. */
  tickets: IssuedTicketRow[];
  /** Outbox rows (order.reserved, or order.paid and one ticket.purchased per ticket). */
  facts: { id: string; topic: string; key: string; payload: string }[];
  /** The most orders the buyer may have placed in the last minute, this one included. */
  perMinute: number;
}

/** A ticket to store: made (ids, codes, signed payloads) before the statement, with its attendee when named. */
export interface IssuedTicketRow {
  id: string;
  ticketTypeId: string;
  code: string;
  qrPayload: string;
  attendeeName?: string | null;
  attendeeEmail?: string | null;
  answers?: AnswerRecord[];
}

/** The tickets as a JSON record set for `jsonb_to_recordset` (see `ISSUED_COLUMNS`). */
export const issuedRecords = (issued: readonly IssuedTicketRow[]) =>
  JSON.stringify(
    issued.map((t) => ({
      id: t.id,
      ticket_type_id: t.ticketTypeId,
      code: t.code,
      qr_payload: t.qrPayload,
      attendee_name: t.attendeeName ?? null,
      attendee_email: t.attendeeEmail ?? null,
      answers: t.answers ?? [],
    })),
  );
export const ISSUED_COLUMNS = sql.raw(
  't(id uuid, ticket_type_id uuid, code text, qr_payload text, attendee_name text, attendee_email text, answers jsonb)',
);

/**
 * PLACED; DUPLICATE: the buyer's key already ordered; REFUSED: some line could not be held (the
 * caller reads why); `{ retryAfterSeconds }`: the buyer placed `perMinute` orders in the last minute.
 */
export type PlacementOutcome = 'PLACED' | 'DUPLICATE' | 'REFUSED' | { retryAfterSeconds: number };

/** The message `tickets.refuse_unless` aborts the statement with when a line cannot be held. */
const REFUSED = 'ORDER_NOT_PLACED';

/**
 * The whole order as one statement, so it is its own transaction and holds each ticket type's
 * row lock only while PostgreSQL runs it. In order, each step only if the ones before succeeded:
 * - the buyer's orders of the last minute counted under a lock on the buyer (`wait_to_order`,
 *   migration 0007), before any stock is touched: at `perMinute`, nothing is changed;
 * - every line's conditional `held + sold + n <= quantity` update (sales open, event not
 *   cancelled, the buyer's key unused), moving `held` (a hold) or `sold` (a sale);
 * - for types with a per-buyer limit, the buyer's count upserted only while it stays within it:
 *   the upsert locks the buyer's row and re-checks the latest count, so one buyer racing themself
 *   cannot pass the limit either;
 * - with a voucher, its uses counted only while they stay within `max_uses` (and it is valid
 *   now): the update locks the voucher's row and re-checks the latest count, so racing buyers
 *   never pass it;
 * - the order, its lines, the tickets when selling, and the outbox facts.
 * If any line was refused, `refuse_unless` raises and PostgreSQL undoes the lines already moved:
 * all or nothing. A racing request with the same key fails the unique index and is undone too.
 */
export async function placeOrder(db: Executor, placement: OrderPlacement): Promise<PlacementOutcome> {
  const { order, lines, mode } = placement;
  const selling = mode === 'sell';
  const wanted = JSON.stringify(lines.map((l) => ({ ticket_type_id: l.ticketTypeId, quantity: l.quantity, max_per_user: l.maxPerUser })));
  const limitedLines = lines.filter((l) => l.maxPerUser !== null).length;
  const voucher = order.voucher;
  // After `stocked` (it reads it), so every statement takes the types' locks before the voucher's.
  const redeemed = voucher
    ? sql`update ${vouchers} v set used = v.used + ${voucher.uses}
        where v.id = ${voucher.id} and v.event_id = ${order.eventId} and (select count(*) from stocked) = ${lines.length}
          and (v.max_uses is null or v.used + ${voucher.uses} <= v.max_uses)
          and (v.valid_from is null or v.valid_from <= now()) and (v.valid_until is null or v.valid_until > now())
        returning v.id`
    : sql`select null::uuid as id where false`;
  try {
    const result = await db.execute(sql`
      with wanted as (
        select * from jsonb_to_recordset(${wanted}::jsonb) as w(ticket_type_id uuid, quantity int, max_per_user int)
      ), rate as (
        select tickets.wait_to_order(${order.buyerId}::uuid, ${placement.perMinute}::int) as wait
      ), prior as (
        select 1 from ${orders} where buyer_id = ${order.buyerId} and idempotency_key = ${order.idempotencyKey}
      ), stocked as (
        update ${ticketTypes} t
        set held = t.held + ${selling ? sql`0` : sql`w.quantity`}, sold = t.sold + ${selling ? sql`w.quantity` : sql`0`}
        from wanted w
        where t.id = w.ticket_type_id and t.event_id = ${order.eventId}
          and t.held + t.sold + w.quantity <= t.quantity and not t.sales_closed
          and not exists (select 1 from prior) and (select wait from rate) = 0
          and not exists (select 1 from ${cancelledEvents} where event_id = ${order.eventId})
        returning t.id
      ), limited as (
        insert into ${buyerHoldings} (buyer_id, ticket_type_id, quantity)
        select ${order.buyerId}, w.ticket_type_id, w.quantity from wanted w
        where w.max_per_user is not null and w.quantity <= w.max_per_user and exists (select 1 from stocked s where s.id = w.ticket_type_id)
        on conflict (buyer_id, ticket_type_id) do update set quantity = ${buyerHoldings}.quantity + excluded.quantity
          where ${buyerHoldings}.quantity + excluded.quantity <= (select max_per_user from ${ticketTypes} where id = excluded.ticket_type_id)
        returning ticket_type_id
      ), redeemed as (
        ${redeemed}
      ), complete as (
        select (select count(*) from stocked) = ${lines.length} and (select count(*) from limited) = ${limitedLines}
          and (select count(*) from redeemed) = ${voucher ? 1 : 0} as ok
      ), placed as (
        insert into ${orders} (id, number, event_id, organizer_id, buyer_id, idempotency_key, status, total_cents, currency, expires_at, paid_at,
          voucher_id, voucher_uses, attendees)
        select ${order.id}, ${order.number}, ${order.eventId}, ${order.organizerId}, ${order.buyerId}, ${order.idempotencyKey},
          ${selling ? 'PAID' : 'RESERVED'}, ${order.totalCents}, ${order.currency}, ${order.expiresAt?.toISOString() ?? null}::timestamptz,
          ${selling ? sql`now()` : sql`null`}, ${voucher?.id ?? null}::uuid, ${voucher?.uses ?? 0},
          ${order.attendees ? JSON.stringify(order.attendees) : null}::jsonb
        where (select ok from complete)
        returning id
      ), placed_lines as (
        insert into ${orderLines} (order_id, ticket_type_id, quantity, unit_price_cents, discount_cents)
        select p.id, l.ticket_type_id, l.quantity, l.unit_price_cents, l.discount_cents
        from placed p, jsonb_to_recordset(${JSON.stringify(lines.map((l) => ({ ticket_type_id: l.ticketTypeId, quantity: l.quantity, unit_price_cents: l.unitPriceCents, discount_cents: l.discountCents })))}::jsonb)
          as l(ticket_type_id uuid, quantity int, unit_price_cents int, discount_cents int)
        returning 1
      ), issued as (
        insert into ${tickets} (id, code, event_id, ticket_type_id, order_id, owner_id, qr_payload, attendee_name, attendee_email, answers)
        select t.id, t.code, ${order.eventId}, t.ticket_type_id, p.id, ${order.buyerId}, t.qr_payload, t.attendee_name, t.attendee_email, t.answers
        from placed p, jsonb_to_recordset(${issuedRecords(placement.tickets)}::jsonb) as ${ISSUED_COLUMNS}
        returning 1
      ), facts as (
        insert into ${outbox} (id, topic, key, payload, headers)
        select f.id, f.topic, f.key, f.payload, f.headers
        from placed p, jsonb_to_recordset(${JSON.stringify(placement.facts)}::jsonb) as f(id uuid, topic text, key text, payload text, headers jsonb)
        returning 1
      )
      select (select count(*) from prior)::int as prior, (select wait from rate) as wait,
        tickets.refuse_unless((select count(*) from prior) > 0 or (select wait from rate) > 0 or (select ok from complete), ${REFUSED}) as accepted,
        (select count(*) from placed_lines)::int as lines, (select count(*) from issued)::int as issued, (select count(*) from facts)::int as facts`);
    const [row] = rowsOf<{ prior: number; wait: number; lines: number; issued: number; facts: number }>(result);
    if (row?.prior) return 'DUPLICATE';
    // Refused by the rate before any line was tried: nothing was written.
    if (row?.wait) return { retryAfterSeconds: row.wait };
    if (row?.lines !== lines.length || row.issued !== placement.tickets.length || row.facts !== placement.facts.length) {
      // Cannot happen while the statement is as written; it is one transaction, so nothing was half-placed.
      throw new Error(
        `placeOrder wrote ${row?.lines} lines, ${row?.issued} tickets and ${row?.facts} facts for ${lines.length}, ${placement.tickets.length} and ${placement.facts.length}.`,
      );
    }
    return 'PLACED';
  } catch (error) {
    if (hasCause(error, (e) => e.code === '23505' && (e.constraint_name ?? e.constraint) === 'orders_buyer_key_unique')) return 'DUPLICATE';
    if (hasCause(error, (e) => e.code === 'P0001' && e.message === REFUSED)) return 'REFUSED';
    throw error;
  }
}

type PgError = { code?: string; constraint_name?: string; constraint?: string; message?: string };

/** postgres.js and PGlite put the SQLSTATE on the error; drizzle may wrap it as `cause`. */
export function hasCause(error: unknown, match: (e: PgError) => boolean): boolean {
  for (let current: unknown = error; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (match(current as PgError)) return true;
  }
  return false;
}
