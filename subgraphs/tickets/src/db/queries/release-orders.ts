import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '@sbor/db';
import { buyerHoldings, orderLines, orders, type OrderRow } from '../orders.js';
import { payments } from '../payments.js';
import { ticketTypes } from '../ticket-types.js';
import { vouchers } from '../vouchers.js';
import { waitingListEntries } from '../waiting-list.js';

/**
 * RESERVED orders whose hold has ended, locked for this transaction. SKIP LOCKED: two sweepers
 * (replicas) never take the same order, and neither waits for the other.
 */
export async function lockDueOrders(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, 'RESERVED'), lte(orders.expiresAt, now)))
    .orderBy(asc(orders.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return rows.map((r) => r.id);
}

/**
 * Ends the holds of the given orders that are still RESERVED (EXPIRED or CANCELLED), and gives
 * their stock back: `held` per type and the buyers' counts for limited types, each row updated
 * once with the sum over the orders. Their vouchers get their uses back, and a waiting-list offer
 * held by one of them ends (`offers`: EXPIRED when its time ran out, LEFT when the user let it go).
 * Pending payments of those orders are cancelled. Returns the orders it ended; one already paid,
 * expired or cancelled is left alone. Locks in the order every stock change takes them: the orders,
 * then their types, then vouchers and waiting-list entries.
 */
export async function releaseOrders(
  tx: Tx,
  orderIds: readonly string[],
  status: 'EXPIRED' | 'CANCELLED',
  offers: 'EXPIRED' | 'LEFT' = status === 'EXPIRED' ? 'EXPIRED' : 'LEFT',
): Promise<OrderRow[]> {
  if (orderIds.length === 0) return [];
  const ended = await tx
    .update(orders)
    .set({ status, closedAt: sql`now()` })
    .where(and(inArray(orders.id, [...orderIds]), eq(orders.status, 'RESERVED')))
    .returning();
  if (ended.length === 0) return [];
  const ids = ended.map((o) => o.id);
  await tx.execute(sql`
    update ${ticketTypes} t set held = t.held - x.quantity
    from (select ticket_type_id, sum(quantity)::int as quantity from ${orderLines} where order_id in ${ids} group by ticket_type_id) x
    where t.id = x.ticket_type_id`);
  await returnBuyerHoldings(tx, ids);
  await returnVoucherUses(tx, ended);
  await tx
    .update(waitingListEntries)
    .set({ status: offers, updatedAt: sql`now()` })
    .where(and(inArray(waitingListEntries.orderId, ids), eq(waitingListEntries.status, 'OFFERED')));
  await tx
    .update(payments)
    .set({ status: 'CANCELLED', updatedAt: sql`now()` })
    .where(and(inArray(payments.orderId, ids), eq(payments.status, 'PENDING')));
  return ended;
}

/** A hold that ends unpaid gives its voucher back the uses (tickets) it took. */
async function returnVoucherUses(tx: Tx, ended: readonly OrderRow[]): Promise<void> {
  const uses = new Map<string, number>();
  for (const o of ended) if (o.voucherId && o.voucherUses > 0) uses.set(o.voucherId, (uses.get(o.voucherId) ?? 0) + o.voucherUses);
  if (uses.size === 0) return;
  await tx.execute(sql`
    update ${vouchers} v set used = greatest(0, v.used - x.uses)
    from jsonb_to_recordset(${JSON.stringify([...uses].map(([id, n]) => ({ id, uses: n })))}::jsonb) as x(id uuid, uses int)
    where v.id = x.id`);
}

/** Gives back the buyers' per-type counts of these orders' lines (only limited types keep one). */
export async function returnBuyerHoldings(
  tx: Tx,
  orderIds: readonly string[],
  only?: { ticketTypeId: string; quantity: number }[],
): Promise<void> {
  const lines = only
    ? sql`select o.buyer_id, x.ticket_type_id, x.quantity from ${orders} o,
        jsonb_to_recordset(${JSON.stringify(only.map((l) => ({ ticket_type_id: l.ticketTypeId, quantity: l.quantity })))}::jsonb) as x(ticket_type_id uuid, quantity int)
        where o.id in ${orderIds}`
    : sql`select o.buyer_id, l.ticket_type_id, l.quantity from ${orders} o join ${orderLines} l on l.order_id = o.id where o.id in ${orderIds}`;
  await tx.execute(sql`
    update ${buyerHoldings} b set quantity = greatest(0, b.quantity - x.quantity)
    from (select buyer_id, ticket_type_id, sum(quantity)::int as quantity from (${lines}) l group by buyer_id, ticket_type_id) x
    where b.buyer_id = x.buyer_id and b.ticket_type_id = x.ticket_type_id`);
}

/** The event's orders still holding stock, locked: its cancellation ends them. */
export async function lockReservedOrdersOfEvent(tx: Tx, eventId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.eventId, eventId), eq(orders.status, 'RESERVED')))
    .for('update');
  return rows.map((r) => r.id);
}
