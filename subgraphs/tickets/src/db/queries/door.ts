import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@sbor/db';
import { doorScans, doorStaff, type DoorScanRow, type DoorStaffRow, type NewDoorScan } from '../door.js';
import { ticketTypes } from '../ticket-types.js';
import { tickets, type TicketRow } from '../tickets.js';

export type NewDoorStaff = Omit<DoorStaffRow, 'addedAt'>;

/** Names a user staff of the event; naming them again changes nothing. Returns the row as stored. */
export async function addDoorStaff(db: Executor, staff: NewDoorStaff): Promise<DoorStaffRow> {
  const [inserted] = await db.insert(doorStaff).values(staff).onConflictDoNothing().returning();
  if (inserted) return inserted;
  const [existing] = await db
    .select()
    .from(doorStaff)
    .where(and(eq(doorStaff.eventId, staff.eventId), eq(doorStaff.userId, staff.userId)));
  return existing!;
}

/** True when the organizer's event had this user as staff (and now does not). */
export async function removeDoorStaff(db: Executor, eventId: string, userId: string, organizerId: string): Promise<boolean> {
  const removed = await db
    .delete(doorStaff)
    .where(and(eq(doorStaff.eventId, eventId), eq(doorStaff.userId, userId), eq(doorStaff.organizerId, organizerId)))
    .returning({ userId: doorStaff.userId });
  return removed.length > 0;
}

export function doorStaffOfEvents(db: Executor, eventIds: readonly string[], organizerId: string): Promise<DoorStaffRow[]> {
  if (eventIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(doorStaff)
    .where(and(inArray(doorStaff.eventId, [...eventIds]), eq(doorStaff.organizerId, organizerId)))
    .orderBy(asc(doorStaff.addedAt), asc(doorStaff.userId));
}

/** The events the user was named staff of, most recently named first (ties by event id, so the order is stable). */
export async function staffedEvents(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ eventId: doorStaff.eventId })
    .from(doorStaff)
    .where(eq(doorStaff.userId, userId))
    .orderBy(desc(doorStaff.addedAt), asc(doorStaff.eventId))
    .limit(100);
  return rows.map((r) => r.eventId);
}

/** Of these events, those whose door the user may work: as organizer or as staff. */
export async function scannableEvents(db: Executor, eventIds: readonly string[], userId: string): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const [organized, staffed] = await Promise.all([
    db
      .selectDistinct({ eventId: ticketTypes.eventId })
      .from(ticketTypes)
      .where(and(inArray(ticketTypes.eventId, [...eventIds]), eq(ticketTypes.organizerId, userId))),
    db
      .select({ eventId: doorStaff.eventId })
      .from(doorStaff)
      .where(and(inArray(doorStaff.eventId, [...eventIds]), eq(doorStaff.userId, userId))),
  ]);
  return new Set([...organized, ...staffed].map((r) => r.eventId));
}

/**
 * The event's organizer, when the scanner may work its door (as its organizer or its staff);
 * undefined otherwise, or when the event has nothing to scan yet.
 */
export async function doorOrganizer(db: Executor, eventId: string, scannerId: string): Promise<string | undefined> {
  const [organized] = await db
    .select({ organizerId: ticketTypes.organizerId })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .limit(1);
  if (!organized) return undefined;
  if (organized.organizerId === scannerId) return organized.organizerId;
  const [staff] = await db
    .select({ organizerId: doorStaff.organizerId })
    .from(doorStaff)
    .where(and(eq(doorStaff.eventId, eventId), eq(doorStaff.userId, scannerId)));
  return staff?.organizerId;
}

/** A ticket the scanner may scan, by code or id, with its event's organizer: anyone else's reads as absent. */
export async function ticketForScanner(
  db: Executor,
  by: { code: string } | { id: string },
  scannerId: string,
): Promise<{ ticket: TicketRow; organizerId: string } | undefined> {
  const match = 'code' in by ? eq(tickets.code, by.code) : eq(tickets.id, by.id);
  const [row] = await db
    .select({ ticket: tickets, organizerId: ticketTypes.organizerId })
    .from(tickets)
    .innerJoin(ticketTypes, eq(ticketTypes.id, tickets.ticketTypeId))
    .where(
      and(
        match,
        or(
          eq(ticketTypes.organizerId, scannerId),
          sql`exists (select 1 from ${doorStaff} where ${doorStaff.eventId} = ${tickets.eventId} and ${doorStaff.userId} = ${scannerId})`,
        ),
      ),
    );
  return row;
}

/**
 * USED → ACTIVE, only if still USED: an undo that races a check-in or a second undo changes nothing.
 * Also says when the check-in it takes back happened (read under the row's lock).
 */
export async function markActive(tx: Tx, ticketId: string): Promise<{ ticket: TicketRow; checkedInAt: Date } | undefined> {
  const [locked] = await tx
    .select({ status: tickets.status, checkedInAt: tickets.checkedInAt })
    .from(tickets)
    .where(eq(tickets.id, ticketId))
    .for('update');
  if (locked?.status !== 'USED') return undefined;
  const [ticket] = await tx
    .update(tickets)
    .set({ status: 'ACTIVE', checkedInAt: null, checkedInBy: null })
    .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'USED')))
    .returning();
  return ticket && { ticket, checkedInAt: locked.checkedInAt ?? new Date() };
}

export async function insertScan(db: Executor, scan: NewDoorScan): Promise<void> {
  await db.insert(doorScans).values({ id: randomUUID(), ...scan });
}

/** A log position: newest first, ties broken by id. */
export interface ScanCursor {
  scannedAt: Date;
  id: string;
}

/** Compared at millisecond precision, what a cursor carries, so a page boundary inside one millisecond never skips a row. */
const scannedMs = sql`date_trunc('milliseconds', ${doorScans.scannedAt})`;

/** The events' scan logs for their organizer, newest first, in one statement: `limit` per event, as if each were read alone. */
export function scansOf(
  db: Executor,
  query: { eventIds: readonly string[]; organizerId: string },
  cursor: ScanCursor | undefined,
  limit: number,
): Promise<DoorScanRow[]> {
  if (query.eventIds.length === 0) return Promise.resolve([]);
  const after = cursor
    ? sql`(${scannedMs}, ${doorScans.id}) < (${cursor.scannedAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const ranked = db
    .select({
      id: doorScans.id,
      rank: sql<number>`row_number() over (partition by ${doorScans.eventId} order by ${scannedMs} desc, ${doorScans.id} desc)`.as('rank'),
    })
    .from(doorScans)
    .where(and(inArray(doorScans.eventId, [...query.eventIds]), eq(doorScans.organizerId, query.organizerId), after))
    .as('ranked');
  return db
    .select()
    .from(doorScans)
    .where(inArray(doorScans.id, db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, limit))))
    .orderBy(desc(scannedMs), desc(doorScans.id));
}
