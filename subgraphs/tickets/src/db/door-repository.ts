import type { Db } from '@sbor/db';
import type { DoorRepository } from '../domain/door-repository.js';
import { ticketCheckedIn, ticketCheckInUndone } from '../messaging/facts.js';
import {
  addDoorStaff,
  doorOrganizer,
  doorStaffOfEvents,
  insertScan,
  markActive,
  removeDoorStaff,
  scannableEvents,
  scansOf,
  staffedEvents,
  ticketForScanner,
} from './queries/door.js';
import { markUsed, revokedTickets } from './queries/tickets.js';

/** The door's repository on PostgreSQL (or PGlite): each method one query or one transaction. */
export function doorRepository(db: Db): DoorRepository {
  return {
    addStaff: (staff) => addDoorStaff(db, staff),
    removeStaff: (eventId, userId, organizerId) => removeDoorStaff(db, eventId, userId, organizerId),
    staffOfEvents: (eventIds, organizerId) => doorStaffOfEvents(db, eventIds, organizerId),
    staffedBy: (userId) => staffedEvents(db, userId),
    organizerAtDoor: (eventId, scannerId) => doorOrganizer(db, eventId, scannerId),
    scannable: (eventIds, userId) => scannableEvents(db, eventIds, userId),
    ticketFor: (by, scannerId) => ticketForScanner(db, by, scannerId),
    checkIn: (ticketId, scan) =>
      db.transaction(async (tx) => {
        const row = await markUsed(tx, ticketId, scan.scannedBy);
        if (!row) return undefined;
        await ticketCheckedIn(tx, row, scan.scannedBy);
        await insertScan(tx, { ...scan, ticketId, action: 'CHECK_IN', result: 'ADMITTED' });
        return row;
      }),
    undoCheckIn: (ticketId, scan) =>
      db.transaction(async (tx) => {
        const undone = await markActive(tx, ticketId);
        if (!undone) return undefined;
        await ticketCheckInUndone(tx, undone.ticket, undone.checkedInAt, scan.scannedBy);
        await insertScan(tx, { ...scan, ticketId, action: 'UNDO', result: 'UNDONE' });
        return undone.ticket;
      }),
    recordScan: (scan) => insertScan(db, scan),
    scans: (query, cursor, limit) => scansOf(db, query, cursor, limit),
    revoked: (eventId, after, limit) => revokedTickets(db, eventId, after, limit),
  };
}
