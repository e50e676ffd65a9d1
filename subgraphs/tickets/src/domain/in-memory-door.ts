/**
 * The door's repository in memory, over the tickets memory of `inMemoryTicketsRepositories`, for
 * spec tests. It mirrors the SQL's rules: organizer-or-staff scoping, USED/ACTIVE flips that only
 * happen from the expected state, one fact and one log row with each change.
 */
import { randomUUID } from 'node:crypto';
import { makeFact, Topics } from '@sbor/messaging';
import type { DoorRepository, DoorScanRow, DoorStaffRow } from './door-repository.js';
import type { TicketsMemory } from './in-memory.js';
import type { TicketRow } from './repositories.js';

export interface DoorMemory {
  staff: DoorStaffRow[];
  scans: DoorScanRow[];
}

export function inMemoryDoorRepository(memory: TicketsMemory): DoorRepository & { door: DoorMemory } {
  const door: DoorMemory = { staff: [], scans: [] };
  let clock = 0;
  // Strictly increasing times, so "newest first" is well defined however fast a test scans.
  const tick = () => new Date(Date.now() + ++clock);
  const organizerOfEvent = (eventId: string) => [...memory.ticketTypes.values()].find((t) => t.eventId === eventId)?.organizerId;
  const isStaff = (eventId: string, userId: string) => door.staff.some((s) => s.eventId === eventId && s.userId === userId);
  const mayScan = (eventId: string, userId: string) => organizerOfEvent(eventId) === userId || isStaff(eventId, userId);
  const fact = (ticket: TicketRow, topic: string, payload: object) =>
    memory.outbox.push({ id: randomUUID(), topic, key: ticket.id, payload: JSON.stringify(payload) });
  const log = (scan: Omit<DoorScanRow, 'id' | 'scannedAt'>) => door.scans.push({ ...scan, id: randomUUID(), scannedAt: tick() });

  return {
    door,
    addStaff: async (staff) => {
      const existing = door.staff.find((s) => s.eventId === staff.eventId && s.userId === staff.userId);
      if (existing) return { ...existing };
      const row = { ...staff, addedAt: tick() };
      door.staff.push(row);
      return { ...row };
    },
    removeStaff: async (eventId, userId, organizerId) => {
      const before = door.staff.length;
      door.staff = door.staff.filter((s) => !(s.eventId === eventId && s.userId === userId && s.organizerId === organizerId));
      return door.staff.length < before;
    },
    staffOfEvents: async (eventIds, organizerId) => door.staff.filter((s) => eventIds.includes(s.eventId) && s.organizerId === organizerId),
    staffedBy: async (userId) =>
      door.staff
        .filter((s) => s.userId === userId)
        .sort((a, b) => b.addedAt.getTime() - a.addedAt.getTime() || a.eventId.localeCompare(b.eventId))
        .slice(0, 100)
        .map((s) => s.eventId),
    organizerAtDoor: async (eventId, scannerId) => (mayScan(eventId, scannerId) ? organizerOfEvent(eventId) : undefined),
    scannable: async (eventIds, userId) => new Set(eventIds.filter((id) => mayScan(id, userId))),
    ticketFor: async (by, scannerId) => {
      const ticket = memory.tickets.find((t) => ('code' in by ? t.code === by.code : t.id === by.id) && mayScan(t.eventId, scannerId));
      return ticket && { ticket: { ...ticket }, organizerId: organizerOfEvent(ticket.eventId)! };
    },
    checkIn: async (ticketId, scan) => {
      const ticket = memory.tickets.find((t) => t.id === ticketId && t.status === 'ACTIVE');
      if (!ticket) return undefined;
      Object.assign(ticket, { status: 'USED', checkedInAt: new Date(), checkedInBy: scan.scannedBy });
      fact(
        ticket,
        Topics.ticketCheckin,
        makeFact(Topics.ticketCheckin, {
          ticket_id: ticket.id,
          event_id: ticket.eventId,
          user_id: ticket.ownerId,
          checked_in_at: ticket.checkedInAt!.toISOString(),
          checked_in_by: scan.scannedBy,
        }),
      );
      log({ ...scan, ticketId, action: 'CHECK_IN', result: 'ADMITTED' });
      return { ...ticket };
    },
    undoCheckIn: async (ticketId, scan) => {
      const ticket = memory.tickets.find((t) => t.id === ticketId && t.status === 'USED');
      if (!ticket) return undefined;
      const checkedInAt = ticket.checkedInAt ?? new Date();
      Object.assign(ticket, { status: 'ACTIVE', checkedInAt: null, checkedInBy: null });
      fact(
        ticket,
        Topics.ticketCheckinUndone,
        makeFact(Topics.ticketCheckinUndone, {
          ticket_id: ticket.id,
          event_id: ticket.eventId,
          user_id: ticket.ownerId,
          checked_in_at: checkedInAt.toISOString(),
          undone_at: new Date().toISOString(),
          undone_by: scan.scannedBy,
        }),
      );
      log({ ...scan, ticketId, action: 'UNDO', result: 'UNDONE' });
      return { ...ticket };
    },
    recordScan: async (scan) => void log({ ...scan, ticketId: scan.ticketId ?? null }),
    scans: async (query, cursor, limit) => {
      const matching = door.scans
        .filter((s) => s.organizerId === query.organizerId)
        .filter(
          (s) => !cursor || s.scannedAt < cursor.scannedAt || (s.scannedAt.getTime() === cursor.scannedAt.getTime() && s.id < cursor.id),
        )
        .sort((a, b) => b.scannedAt.getTime() - a.scannedAt.getTime() || b.id.localeCompare(a.id));
      return [...new Set(query.eventIds)].flatMap((eventId) => matching.filter((s) => s.eventId === eventId).slice(0, limit));
    },
    revoked: async (eventId, after, limit) => {
      const listed = memory.tickets
        .filter((t) => t.eventId === eventId && t.status === 'CANCELLED' && t.cancelledAt)
        .map((t) => ({ ticketId: t.id, code: t.code, micros: String(t.cancelledAt!.getTime() * 1000) }))
        .sort((a, b) => compareRevocations(a, b));
      return listed.filter((r) => !after || compareRevocations(r, after) > 0).slice(0, limit);
    },
  };
}

/** (time, id) order, as the SQL sorts: lower-case UUIDs compared as plain strings sort as PostgreSQL's uuids do. */
function compareRevocations(a: { micros: string; ticketId: string }, b: { micros: string; ticketId: string }): number {
  const byTime = BigInt(a.micros) - BigInt(b.micros);
  if (byTime !== 0n) return byTime < 0n ? -1 : 1;
  return a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0;
}
