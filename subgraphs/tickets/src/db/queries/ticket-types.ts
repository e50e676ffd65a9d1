import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '@sbor/db';
import { ticketTypes, type TicketTypeRow } from '../ticket-types.js';

export type NewTicketType = typeof ticketTypes.$inferInsert;

export async function insertTicketType(db: Executor, values: NewTicketType): Promise<TicketTypeRow> {
  const [row] = await db.insert(ticketTypes).values(values).returning();
  return row!;
}

/**
 * Inserts the type unless its event already has `limit` of them. Two creates counting at once
 * would both see room, so the count and the insert run under a lock on the event's id.
 */
export function insertTicketTypeWithin(db: Db, values: NewTicketType, limit: number): Promise<TicketTypeRow | 'LIMIT_REACHED'> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tickets.ticket_types:${values.eventId}`}))`);
    const [row] = await tx.select({ n: count() }).from(ticketTypes).where(eq(ticketTypes.eventId, values.eventId));
    if ((row?.n ?? 0) >= limit) return 'LIMIT_REACHED';
    return insertTicketType(tx, values);
  });
}

export async function findTicketType(db: Executor, id: string): Promise<TicketTypeRow | undefined> {
  const [row] = await db.select().from(ticketTypes).where(eq(ticketTypes.id, id));
  return row;
}

export function findTicketTypesByIds(db: Executor, ids: readonly string[]): Promise<TicketTypeRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(ticketTypes)
    .where(inArray(ticketTypes.id, [...ids]));
}

export function ticketTypesOfEvents(db: Executor, eventIds: readonly string[]): Promise<TicketTypeRow[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(ticketTypes)
    .where(inArray(ticketTypes.eventId, [...eventIds]))
    .orderBy(asc(ticketTypes.createdAt), asc(ticketTypes.id));
}

/** The organizer recorded with the event's ticket types, if it has any. */
export async function organizerOfEvent(db: Executor, eventId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ organizerId: ticketTypes.organizerId })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .limit(1);
  return row?.organizerId;
}

export async function seatsLeft(db: Executor, ticketTypeId: string): Promise<number> {
  const [row] = await db
    .select({ left: sql<number>`(${ticketTypes.quantity} - ${ticketTypes.held} - ${ticketTypes.sold})::int` })
    .from(ticketTypes)
    .where(eq(ticketTypes.id, ticketTypeId));
  return row?.left ?? 0;
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
