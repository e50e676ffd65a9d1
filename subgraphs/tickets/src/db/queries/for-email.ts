import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { ticketTypes } from '../ticket-types.js';
import { tickets } from '../tickets.js';

/** What an email about a user's tickets shows of each: the code they show at the door, and for what. */
export interface TicketForEmail {
  id: string;
  code: string;
  status: 'ACTIVE' | 'USED' | 'CANCELLED';
  ticketTypeName: string;
  attendeeName: string | null;
}

/**
 * The named tickets and the other tickets of their orders, owned by `ownerId` (scoped in SQL: a
 * ticket of someone else is simply absent). An ORDER_PAID notification names the order's first
 * ticket; its email lists them all.
 */
export async function ticketsForEmail(db: Executor, ownerId: string, ticketIds: readonly string[]): Promise<TicketForEmail[]> {
  if (ticketIds.length === 0) return [];
  const orderIds = db
    .select({ orderId: tickets.orderId })
    .from(tickets)
    .where(and(inArray(tickets.id, [...ticketIds]), eq(tickets.ownerId, ownerId)));
  return db
    .select({
      id: tickets.id,
      code: tickets.code,
      status: tickets.status,
      ticketTypeName: ticketTypes.name,
      attendeeName: tickets.attendeeName,
    })
    .from(tickets)
    .innerJoin(ticketTypes, eq(ticketTypes.id, tickets.ticketTypeId))
    .where(and(eq(tickets.ownerId, ownerId), inArray(tickets.orderId, orderIds)))
    .orderBy(asc(tickets.purchasedAt), asc(tickets.code));
}
