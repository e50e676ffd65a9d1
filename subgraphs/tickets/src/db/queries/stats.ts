import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { orderLines } from '../orders.js';
import { refundTickets } from '../payments.js';
import type { Executor } from '@sbor/db';
import { ticketTypes, type TicketTypeRow } from '../ticket-types.js';
import { tickets } from '../tickets.js';

export interface TypeSalesRow {
  ticketType: TicketTypeRow;
  checkedIn: number;
  cancelled: number;
  /** Tickets issued (by a payment, or at once for a free order), in any status. */
  issued: number;
  /** Tickets given back with a refund (also cancelled). */
  refunded: number;
  /** What the tickets not refunded were paid, in the type's minor unit. */
  revenueCents: number;
}

/**
 * Per ticket type of the events (one statement for a page of events): the type (with `sold` and `held`), how many of its tickets were
 * used, cancelled and refunded, and the revenue of those not refunded (their lines' price, less
 * each ticket's share of the line's discount).
 */
export async function salesByType(db: Executor, eventIds: readonly string[]): Promise<TypeSalesRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .select({
      ticketType: ticketTypes,
      issued: sql<number>`count(${tickets.id})::int`,
      checkedIn: sql<number>`count(${tickets.id}) filter (where ${tickets.status} = 'USED')::int`,
      cancelled: sql<number>`count(${tickets.id}) filter (where ${tickets.status} = 'CANCELLED')::int`,
      refunded: sql<number>`count(${tickets.id}) filter (where exists (select 1 from ${refundTickets} rt where rt.ticket_id = ${tickets.id}))::int`,
      revenueCents: sql<number>`coalesce(sum(${orderLines.unitPriceCents} - ${orderLines.discountCents} / ${orderLines.quantity})
        filter (where not exists (select 1 from ${refundTickets} rt where rt.ticket_id = ${tickets.id})), 0)::float8`,
    })
    .from(ticketTypes)
    .leftJoin(tickets, eq(tickets.ticketTypeId, ticketTypes.id))
    .leftJoin(orderLines, and(eq(orderLines.orderId, tickets.orderId), eq(orderLines.ticketTypeId, tickets.ticketTypeId)))
    .where(inArray(ticketTypes.eventId, [...eventIds]))
    .groupBy(ticketTypes.id)
    .orderBy(asc(ticketTypes.createdAt), asc(ticketTypes.id));
  return rows;
}
