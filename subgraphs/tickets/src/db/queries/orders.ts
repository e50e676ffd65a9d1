import { and, asc, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { buyerHoldings, orderLines, orders, type OrderLineRow, type OrderRow, type OrderStatus } from '../orders.js';
import { payments, refunds, refundTickets, type PaymentProviderName, type PaymentRow, type RefundRow } from '../payments.js';
import { tickets, type TicketRow } from '../tickets.js';
import { waitingListEntries } from '../waiting-list.js';

export type NewPayment = typeof payments.$inferInsert;

export async function findOrder(db: Executor, id: string): Promise<OrderRow | undefined> {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row;
}

export async function findOrderByKey(db: Executor, buyerId: string, idempotencyKey: string): Promise<OrderRow | undefined> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), eq(orders.idempotencyKey, idempotencyKey)));
  return row;
}

/** Orders the viewer may read: as their buyer or as the organizer of their event. */
export function ordersVisibleTo(db: Executor, ids: readonly string[], viewerId: string): Promise<OrderRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(orders)
    .where(and(inArray(orders.id, [...ids]), or(eq(orders.buyerId, viewerId), eq(orders.organizerId, viewerId))));
}

export function linesOfOrders(db: Executor, orderIds: readonly string[]): Promise<OrderLineRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(orderLines)
    .where(inArray(orderLines.orderId, [...orderIds]));
}

export function ticketsOfOrders(db: Executor, orderIds: readonly string[]): Promise<TicketRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(tickets)
    .where(inArray(tickets.orderId, [...orderIds]))
    .orderBy(asc(tickets.code));
}

/** A page position: newest first, ties broken by id. */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}

/** Compared at millisecond precision, what a cursor carries, so a page boundary inside one millisecond never skips a row. */
const createdMs = sql`date_trunc('milliseconds', ${orders.createdAt})`;
const newestFirst = [desc(createdMs), desc(orders.id)];

const after = (cursor: OrderCursor | undefined): SQL | undefined =>
  cursor ? sql`(${createdMs}, ${orders.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)` : undefined;

/** One page of the buyer's orders, newest first; `limit` one more than the page to know if another follows. */
export function ordersOfBuyer(db: Executor, buyerId: string, cursor: OrderCursor | undefined, limit: number): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), after(cursor)))
    .orderBy(...newestFirst)
    .limit(limit);
}

/**
 * One page of each event's orders for its organizer (scoped in SQL: anyone else gets none), in one
 * statement: `limit` per event, newest first, as if each were read alone.
 */
export function ordersOfEvents(
  db: Executor,
  query: { eventIds: readonly string[]; organizerId: string; status: OrderStatus | undefined },
  cursor: OrderCursor | undefined,
  limit: number,
): Promise<OrderRow[]> {
  if (query.eventIds.length === 0) return Promise.resolve([]);
  const ranked = db
    .select({
      id: orders.id,
      rank: sql<number>`row_number() over (partition by ${orders.eventId} order by ${createdMs} desc, ${orders.id} desc)`.as('rank'),
    })
    .from(orders)
    .where(
      and(
        inArray(orders.eventId, [...query.eventIds]),
        eq(orders.organizerId, query.organizerId),
        query.status ? eq(orders.status, query.status) : undefined,
        after(cursor),
      ),
    )
    .as('ranked');
  return db
    .select()
    .from(orders)
    .where(inArray(orders.id, db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, limit))))
    .orderBy(...newestFirst);
}

export async function insertPayment(db: Executor, values: NewPayment): Promise<PaymentRow> {
  const [row] = await db.insert(payments).values(values).returning();
  return row!;
}

export function paymentsOfOrders(db: Executor, orderIds: readonly string[]): Promise<PaymentRow[]> {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(payments)
    .where(inArray(payments.orderId, [...orderIds]))
    .orderBy(desc(payments.createdAt), desc(payments.id));
}

export async function findPayment(db: Executor, id: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.id, id));
  return row;
}

export async function findPaymentByRef(db: Executor, provider: PaymentProviderName, ref: string): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.provider, provider), eq(payments.providerRef, ref)));
  return row;
}

/** PENDING → CANCELLED or FAILED; a payment that already settled is left alone. */
export async function closePayment(db: Executor, id: string, status: 'CANCELLED' | 'FAILED'): Promise<void> {
  await db
    .update(payments)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(payments.id, id), eq(payments.status, 'PENDING')));
}

export async function succeedPayment(db: Executor, id: string): Promise<void> {
  await db
    .update(payments)
    .set({ status: 'SUCCEEDED', updatedAt: sql`now()` })
    .where(eq(payments.id, id));
}

/** Moves a RESERVED order's hold end (an offline payment gets days to arrive), and the waiting-list offer it holds with it. */
export async function extendHold(db: Executor, orderId: string, until: Date): Promise<void> {
  await db.execute(sql`
    with extended as (
      update ${orders} set expires_at = ${until.toISOString()}::timestamptz
      where id = ${orderId} and status = 'RESERVED' and expires_at < ${until.toISOString()}::timestamptz
      returning id
    )
    update ${waitingListEntries} set offer_expires_at = ${until.toISOString()}::timestamptz, updated_at = now()
    where order_id in (select id from extended) and status = 'OFFERED'`);
}

export async function refundsOfOrders(db: Executor, orderIds: readonly string[]): Promise<(RefundRow & { ticketIds: string[] })[]> {
  if (orderIds.length === 0) return [];
  const rows = await db
    .select({
      refund: refunds,
      ticketIds: sql<string[]>`coalesce(array_agg(${refundTickets.ticketId}) filter (where ${refundTickets.ticketId} is not null), '{}')`,
    })
    .from(refunds)
    .leftJoin(refundTickets, eq(refundTickets.refundId, refunds.id))
    .where(inArray(refunds.orderId, [...orderIds]))
    .groupBy(refunds.id)
    .orderBy(asc(refunds.createdAt));
  return rows.map((r) => ({ ...r.refund, ticketIds: r.ticketIds }));
}

export async function holdingsOfBuyer(db: Executor, buyerId: string, ticketTypeIds: readonly string[]): Promise<Map<string, number>> {
  if (ticketTypeIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(buyerHoldings)
    .where(and(eq(buyerHoldings.buyerId, buyerId), inArray(buyerHoldings.ticketTypeId, [...ticketTypeIds])));
  return new Map(rows.map((r) => [r.ticketTypeId, r.quantity]));
}
