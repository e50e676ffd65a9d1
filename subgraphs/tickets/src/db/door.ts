import { index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ticketsSchema } from './schema.js';
import { tickets } from './tickets.js';

/**
 * Users an organizer named to scan tickets at one event's door. `organizer_id` is the event's
 * organizer (copied from the events service when the first one is added; an event's organizer never
 * changes), so the organizer's reads and removals are scoped in SQL. `email` is the address the
 * organizer named them by: they typed it, and it is how they recognise the row.
 */
export const doorStaff = ticketsSchema.table(
  'door_staff',
  {
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id').notNull(),
    organizerId: uuid('organizer_id').notNull(),
    email: text('email').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index('door_staff_user_idx').on(t.userId)],
);
export type DoorStaffRow = typeof doorStaff.$inferSelect;

export const SCAN_ACTIONS = ['CHECK_IN', 'UNDO', 'VALIDATE'] as const;
export type ScanAction = (typeof SCAN_ACTIONS)[number];
/** `ADMITTED` (checked in) and `UNDONE` are the door letting a change through; the rest are refusals. */
export const SCAN_RESULTS = [
  'ADMITTED',
  'UNDONE',
  'NOT_FOUND',
  'BAD_SIGNATURE',
  'USED',
  'CANCELLED',
  'WRONG_EVENT',
  'EXPIRED',
  'NOT_CHECKED_IN',
] as const;
export type ScanResult = (typeof SCAN_RESULTS)[number];

/**
 * The door's log: every check-in attempt (admitted or refused), every undo, and every validation
 * that refused a ticket, with who scanned and when. Written in the transaction of the change it
 * records; refusals change nothing else and are written on their own. `ticket_id` is null when the
 * scan named no ticket of this event (a wrong or unknown code); codes themselves are never kept.
 */
export const doorScans = ticketsSchema.table(
  'door_scans',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    /** The event's organizer: the one who reads the log. */
    organizerId: uuid('organizer_id').notNull(),
    ticketId: uuid('ticket_id').references(() => tickets.id),
    scannedBy: uuid('scanned_by').notNull(),
    action: text('action', { enum: SCAN_ACTIONS }).notNull(),
    result: text('result', { enum: SCAN_RESULTS }).notNull(),
    scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('door_scans_event_idx').on(t.eventId, t.scannedAt, t.id), index('door_scans_ticket_idx').on(t.ticketId)],
);
export type DoorScanRow = typeof doorScans.$inferSelect;
export type NewDoorScan = Omit<typeof doorScans.$inferInsert, 'id' | 'scannedAt'>;
