import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import { rowsOf, type Executor, type Tx } from '@sbor/db';
import { orders, type OrderRow } from '../orders.js';
import { payments, refunds, refundTickets, type RefundRow } from '../payments.js';
import { ticketTypes } from '../ticket-types.js';
import { tickets, type TicketRow } from '../tickets.js';
import { returnBuyerHoldings } from './release-orders.js';

export interface RefundRecord {
  id: string;
  orderId: string;
  paymentId: string | null;
  amountCents: number;
  reason: string | null;
  status: 'PENDING' | 'SUCCEEDED';
  providerRef: string | null;
  ticketIds: readonly string[];
}

/** Writes a refund and the tickets it covers. */
export async function insertRefund(tx: Tx, refund: RefundRecord): Promise<RefundRow> {
  const [row] = await tx
    .insert(refunds)
    .values({
      id: refund.id,
      orderId: refund.orderId,
      paymentId: refund.paymentId,
      amountCents: refund.amountCents,
      reason: refund.reason,
      status: refund.status,
      providerRef: refund.providerRef,
      completedAt: refund.status === 'SUCCEEDED' ? sql`now()` : null,
    })
    .returning();
  if (refund.ticketIds.length > 0) {
    await tx.insert(refundTickets).values(refund.ticketIds.map((ticketId) => ({ refundId: refund.id, ticketId })));
  }
  return row!;
}

/** PENDING → SUCCEEDED once; false when another worker got there first. */
export async function completeRefund(tx: Tx, id: string, providerRef: string | null): Promise<boolean> {
  const rows = await tx
    .update(refunds)
    .set({ status: 'SUCCEEDED', providerRef, completedAt: sql`now()` })
    .where(and(eq(refunds.id, id), eq(refunds.status, 'PENDING')))
    .returning({ id: refunds.id });
  return rows.length > 0;
}

/** Refunds still to be sent to their provider, oldest first, locked so two workers take different ones. */
export function lockPendingRefunds(tx: Tx, limit: number): Promise<RefundRow[]> {
  return tx
    .select()
    .from(refunds)
    .where(eq(refunds.status, 'PENDING'))
    .orderBy(asc(refunds.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * Cancels the named tickets of an order that are not cancelled yet (the door's revocation list
 * grows), and returns their stock to sale when asked (not once the event is over or cancelled).
 */
export async function cancelRefundedTickets(
  tx: Tx,
  order: OrderRow,
  ticketIds: readonly string[],
  returnStock: boolean,
): Promise<TicketRow[]> {
  if (ticketIds.length === 0) return [];
  const cancelled = await tx
    .update(tickets)
    .set({ status: 'CANCELLED', cancelledAt: sql`now()` })
    .where(and(eq(tickets.orderId, order.id), inArray(tickets.id, [...ticketIds]), ne(tickets.status, 'CANCELLED')))
    .returning();
  const perType = new Map<string, number>();
  for (const t of cancelled) perType.set(t.ticketTypeId, (perType.get(t.ticketTypeId) ?? 0) + 1);
  const counts = [...perType].map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity }));
  if (returnStock && counts.length > 0) {
    await tx.execute(sql`
      update ${ticketTypes} t set sold = t.sold - x.quantity
      from jsonb_to_recordset(${JSON.stringify(counts.map((c) => ({ id: c.ticketTypeId, quantity: c.quantity })))}::jsonb) as x(id uuid, quantity int)
      where t.id = x.id`);
  }
  if (counts.length > 0) await returnBuyerHoldings(tx, [order.id], counts);
  return cancelled;
}

/** PAID → PARTIALLY_REFUNDED, or REFUNDED once none of its tickets is left; returns the new status. */
export async function settleRefundedOrder(tx: Tx, orderId: string): Promise<OrderRow['status']> {
  const [row] = rowsOf<{ status: OrderRow['status'] }>(
    await tx.execute(sql`
    update ${orders} o set status = case
        when exists (select 1 from ${tickets} t where t.order_id = o.id and t.status <> 'CANCELLED') then 'PARTIALLY_REFUNDED'::tickets.order_status
        else 'REFUNDED'::tickets.order_status end
    where o.id = ${orderId} and o.status in ('PAID', 'PARTIALLY_REFUNDED')
    returning o.status`),
  );
  if (row) return row.status;
  const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
  return current!.status;
}

/** What of the order's payment has not been given back yet. */
export async function refundableCents(db: Executor, orderId: string): Promise<number> {
  const [row] = await db
    .select({
      paid: sql<number>`coalesce((select sum(${payments.amountCents}) from ${payments} where ${payments.orderId} = ${orderId} and ${payments.status} = 'SUCCEEDED'), 0)::int`,
      refunded: sql<number>`coalesce((select sum(${refunds.amountCents}) from ${refunds} where ${refunds.orderId} = ${orderId} and ${refunds.status} <> 'FAILED'), 0)::int`,
    })
    .from(orders)
    .where(eq(orders.id, orderId));
  return Math.max(0, (row?.paid ?? 0) - (row?.refunded ?? 0));
}

/**
 * An event was cancelled: one PENDING refund per order of it that was paid for, for what is left
 * of its payment, naming the tickets the cancellation voided. Inside the cancellation's
 * transaction (the inbox makes it once); the refund worker sends them.
 */
export async function queueEventRefunds(tx: Tx, eventId: string, reason: string, voided: readonly TicketRow[]): Promise<number> {
  const owed = rowsOf<{ order_id: string; payment_id: string; amount: number }>(
    await tx.execute(sql`
      select o.id as order_id, p.id as payment_id,
        (p.amount_cents - coalesce((select sum(r.amount_cents) from ${refunds} r where r.order_id = o.id and r.status <> 'FAILED'), 0))::int as amount
      from ${orders} o
      join lateral (select id, amount_cents from ${payments} where order_id = o.id and status = 'SUCCEEDED' order by created_at desc limit 1) p on true
      where o.event_id = ${eventId} and o.status in ('PAID', 'PARTIALLY_REFUNDED')
      for update of o`),
  );
  let queued = 0;
  for (const row of owed.filter((r) => r.amount > 0)) {
    await insertRefund(tx, {
      id: randomUUID(),
      orderId: row.order_id,
      paymentId: row.payment_id,
      amountCents: row.amount,
      reason,
      status: 'PENDING',
      providerRef: null,
      ticketIds: voided.filter((t) => t.orderId === row.order_id).map((t) => t.id),
    });
    queued++;
  }
  return queued;
}
