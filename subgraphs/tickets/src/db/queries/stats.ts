import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { ticketTypes, type TicketTypeRow } from '../ticket-types.js';
import { tickets } from '../tickets.js';

export interface TypeSalesRow {
  ticketType: TicketTypeRow;
  checkedIn: number;
  cancelled: number;
}

/** Per ticket type of the event: the type (with `sold`) and how many tickets were used or cancelled. */
export async function salesByType(db: Executor, eventId: string): Promise<TypeSalesRow[]> {
  const rows = await db
    .select({
      ticketType: ticketTypes,
      checkedIn: sql<number>`count(${tickets.id}) filter (where ${tickets.status} = 'USED')::int`,
      cancelled: sql<number>`count(${tickets.id}) filter (where ${tickets.status} = 'CANCELLED')::int`,
    })
    .from(ticketTypes)
    .leftJoin(tickets, eq(tickets.ticketTypeId, ticketTypes.id))
    .where(eq(ticketTypes.eventId, eventId))
    .groupBy(ticketTypes.id)
    .orderBy(asc(ticketTypes.createdAt), asc(ticketTypes.id));
  return rows;
}
