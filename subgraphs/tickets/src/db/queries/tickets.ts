import { and, asc, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@sbor/db';
import { ticketTypes } from '../ticket-types.js';
import { tickets, type TicketRow } from '../tickets.js';

export type NewTicket = typeof tickets.$inferInsert;

export function ticketsOfOwner(db: Executor, ownerId: string): Promise<TicketRow[]> {
  return db.select().from(tickets).where(eq(tickets.ownerId, ownerId)).orderBy(desc(tickets.purchasedAt), asc(tickets.code));
}

/** The ticket's holder or its event's organizer may read it; anyone else gets nothing. */
const visibleTo = (viewerId: string) => or(eq(tickets.ownerId, viewerId), eq(ticketTypes.organizerId, viewerId));

export async function ticketsVisibleTo(db: Executor, ids: readonly string[], viewerId: string): Promise<TicketRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ ticket: tickets })
    .from(tickets)
    .innerJoin(ticketTypes, eq(ticketTypes.id, tickets.ticketTypeId))
    .where(and(inArray(tickets.id, [...ids]), visibleTo(viewerId)));
  return rows.map((r) => r.ticket);
}

/** ACTIVE → USED, only if still ACTIVE: of two racing scanners, exactly one gets the row. */
export async function markUsed(tx: Tx, ticketId: string, by: string): Promise<TicketRow | undefined> {
  const [row] = await tx
    .update(tickets)
    .set({ status: 'USED', checkedInAt: sql`now()`, checkedInBy: by })
    .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'ACTIVE')))
    .returning();
  return row;
}

export async function findTicket(db: Executor, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(tickets).where(eq(tickets.id, id));
  return row;
}

export async function replaceQrPayload(db: Executor, id: string, from: string, to: string): Promise<void> {
  await db
    .update(tickets)
    .set({ qrPayload: to })
    .where(and(eq(tickets.id, id), eq(tickets.qrPayload, from)));
}

export function cancelActiveTicketsOfEvent(tx: Tx, eventId: string): Promise<TicketRow[]> {
  return tx
    .update(tickets)
    .set({ status: 'CANCELLED', cancelledAt: sql`now()` })
    .where(and(eq(tickets.eventId, eventId), eq(tickets.status, 'ACTIVE')))
    .returning();
}

/** A place in an event's revocation list: the cancellation time in microseconds, ties broken by ticket id. */
export interface RevocationPosition {
  micros: string;
  ticketId: string;
}

/** A cancelled ticket, with what a door needs to refuse it and its place in the list. */
export interface Revocation {
  ticketId: string;
  code: string;
  /** Cancellation time in microseconds since the epoch, as text (a bigint). */
  micros: string;
}

const micros = sql<string>`(extract(epoch from ${tickets.cancelledAt}) * 1000000)::bigint::text`;

/**
 * The event's cancelled tickets in (time, id) order, after `after` when given. The id breaks ties:
 * one event's cancellation gives all its tickets the same time, and a page may end among them.
 */
export function revokedTickets(db: Executor, eventId: string, after: RevocationPosition | undefined, limit: number): Promise<Revocation[]> {
  const cancelled = and(eq(tickets.eventId, eventId), eq(tickets.status, 'CANCELLED'), isNotNull(tickets.cancelledAt));
  return db
    .select({ ticketId: tickets.id, code: tickets.code, micros })
    .from(tickets)
    .where(after ? and(cancelled, sql`(${micros}::bigint, ${tickets.id}) > (${after.micros}::bigint, ${after.ticketId}::uuid)`) : cancelled)
    .orderBy(sql`${micros}::bigint`, asc(tickets.id))
    .limit(limit);
}
