/**
 * What the door needs from storage: who may scan at which event, the tickets they may scan, the
 * check-in and its undo (each with its fact and its log row, in one transaction), and the scan log.
 * The drizzle implementation is `db/door-repository.ts`; an in-memory one is `domain/in-memory-door.ts`.
 */
import type { DoorScanRow, DoorStaffRow, NewDoorScan, ScanAction, ScanResult } from '../db/door.js';
import type { NewDoorStaff, ScanCursor } from '../db/queries/door.js';
import type { Revocation, RevocationPosition } from '../db/queries/tickets.js';
import type { TicketRow } from '../db/tickets.js';

export type { DoorScanRow, DoorStaffRow, NewDoorScan, NewDoorStaff, Revocation, RevocationPosition, ScanAction, ScanCursor, ScanResult };

/** A ticket as the door sees it: with its event's organizer, under whom the scan is logged. */
export interface ScannedTicket {
  ticket: TicketRow;
  organizerId: string;
}

export interface DoorRepository {
  /** Names the user staff of the event; naming them again returns the row already there. */
  addStaff(staff: NewDoorStaff): Promise<DoorStaffRow>;
  /** True when the organizer's event had this staff member; scoped to the organizer in the query. */
  removeStaff(eventId: string, userId: string, organizerId: string): Promise<boolean>;
  /** The staff of those of the events `organizerId` organizes (scoped in the query), oldest first. */
  staffOfEvents(eventIds: readonly string[], organizerId: string): Promise<DoorStaffRow[]>;
  /** The ids of the events the user was named staff of, most recently named first (at most 100). */
  staffedBy(userId: string): Promise<string[]>;
  /** The event's organizer when `scannerId` may work its door (organizer or staff); undefined otherwise. */
  organizerAtDoor(eventId: string, scannerId: string): Promise<string | undefined>;
  /** Of these events, those whose door the user may work. */
  scannable(eventIds: readonly string[], userId: string): Promise<Set<string>>;
  /** A ticket of an event the scanner organizes or staffs, by code or id; anyone else's reads as absent. */
  ticketFor(by: { code: string } | { id: string }, scannerId: string): Promise<ScannedTicket | undefined>;
  /**
   * ACTIVE → USED with its `ticket.checkin` fact and an ADMITTED log row, in one transaction;
   * undefined, with nothing written, when it was not ACTIVE (another scanner got there first).
   */
  checkIn(ticketId: string, scan: Omit<NewDoorScan, 'ticketId' | 'action' | 'result'>): Promise<TicketRow | undefined>;
  /** USED → ACTIVE with its `ticket.checkin_undone` fact and an UNDONE log row, in one transaction; undefined when it was not USED. */
  undoCheckIn(ticketId: string, scan: Omit<NewDoorScan, 'ticketId' | 'action' | 'result'>): Promise<TicketRow | undefined>;
  /** A refused scan: it changes nothing but the log. */
  recordScan(scan: NewDoorScan): Promise<void>;
  /** The event's cancelled tickets in the order they were cancelled, after `after` (scoped to the event in the query). */
  revoked(eventId: string, after: RevocationPosition | undefined, limit: number): Promise<Revocation[]>;
  /** Up to `limit` entries of the log of each of the events `organizerId` organizes (scoped in the query), newest first. */
  scans(query: { eventIds: readonly string[]; organizerId: string }, cursor: ScanCursor | undefined, limit: number): Promise<DoorScanRow[]>;
}
