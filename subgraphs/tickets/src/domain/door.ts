import { AppError, ErrorCode, isUuid, type Viewer } from '@sbor/core';
import { normalizeTicketCode } from './codes.js';
import type { DoorRepository, Revocation, RevocationPosition, ScanAction, ScannedTicket, ScanResult } from './door-repository.js';
import type { QrKeyRing } from './key-ring.js';
import { decodeQrPayload } from './qr-payload.js';
import type { TicketRepository, TicketRow } from './repositories.js';
import { doorVerdict } from './rules.js';
import type { DoorReason, ValidationView } from './views.js';

type Lookup = { found: ScannedTicket } | { reason: Extract<DoorReason, 'NOT_FOUND' | 'BAD_SIGNATURE'> };

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No ticket with this code for your events.');

/** Up to this many revoked tickets per page: one request for all but the largest cancellations. */
export const REVOCATION_PAGE = 5_000;

/** `Query.revokedTickets`: one page of an event's revocation list. */
export interface RevocationPageView {
  revoked: { ticketId: string; code: string }[];
  cursor: string | null;
  complete: boolean;
}

/**
 * The door: validation (read-only), check-in and its undo, and the revocation list door devices
 * keep, for the organizer of the ticket's event and the staff they named for it. To anyone else, and to staff of another event, a ticket reads
 * exactly like one that does not exist.
 *
 * Every check-in attempt and undo goes in the event's scan log, admitted or refused, and so does a
 * validation that refuses a ticket: that is a person turned away at the door. A validation that
 * finds the ticket good admits nobody, so it is not logged; the check-in that follows is. A scan
 * that names no ticket of the scanner's events is logged under `eventId` when the scanner works
 * that event's door, and nowhere otherwise (a stranger cannot write into anyone's log).
 */
export class Door {
  constructor(
    private readonly door: DoorRepository,
    private readonly tickets: Pick<TicketRepository, 'find'>,
    private readonly keys: QrKeyRing,
    private readonly onCommitted: () => void = () => {},
  ) {}

  async validate(scanner: Viewer, code: string, eventId?: string | null): Promise<ValidationView> {
    const looked = await this.lookup(scanner.userId, code);
    if ('reason' in looked) {
      await this.logRefusal(scanner, 'VALIDATE', looked.reason, { eventId });
      return { valid: false, reason: looked.reason, ticket: null };
    }
    const reason = this.verdict(looked.found.ticket, eventId);
    if (reason) await this.logRefusal(scanner, 'VALIDATE', reason, { eventId, scanned: looked.found });
    return { valid: reason === null, reason, ticket: looked.found.ticket };
  }

  async checkIn(scanner: Viewer, code: string, eventId?: string | null): Promise<TicketRow> {
    const looked = await this.lookup(scanner.userId, code);
    if ('reason' in looked) {
      await this.logRefusal(scanner, 'CHECK_IN', looked.reason, { eventId });
      throw notFound();
    }
    const { ticket, organizerId } = looked.found;
    const verdict = this.verdict(ticket, eventId);
    if (verdict === 'WRONG_EVENT') {
      await this.logRefusal(scanner, 'CHECK_IN', verdict, { eventId, scanned: looked.found });
      // The schema promises `reason: WRONG_EVENT`, so a door can tell this from a malformed code.
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This ticket is for a different event.', { field: 'code', reason: 'WRONG_EVENT' });
    }
    if (verdict === 'EXPIRED') {
      await this.logRefusal(scanner, 'CHECK_IN', verdict, { eventId, scanned: looked.found });
      throw new AppError(ErrorCode.EVENT_COMPLETED, 'This ticket’s event is over.');
    }
    const used = await this.door.checkIn(ticket.id, { eventId: ticket.eventId, organizerId, scannedBy: scanner.userId });
    if (used) {
      this.onCommitted();
      return used;
    }
    // Another scanner (or the cancellation) got there first: say which.
    const now = await this.tickets.find(ticket.id);
    if (now?.status === 'CANCELLED') {
      await this.logRefusal(scanner, 'CHECK_IN', 'CANCELLED', { eventId, scanned: looked.found });
      throw new AppError(ErrorCode.TICKET_CANCELLED, 'This ticket was cancelled.');
    }
    await this.logRefusal(scanner, 'CHECK_IN', 'USED', { eventId, scanned: looked.found });
    throw new AppError(ErrorCode.TICKET_ALREADY_USED, 'This ticket has already been checked in.', {
      checkedInAt: now?.checkedInAt?.toISOString() ?? null,
    });
  }

  /** USED → ACTIVE: a check-in made by mistake (the wrong ticket of a group, a double scan) is taken back. */
  async undo(scanner: Viewer, ticketId: string): Promise<TicketRow> {
    const found = isUuid(ticketId) ? await this.door.ticketFor({ id: ticketId }, scanner.userId) : undefined;
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, 'No such ticket at your events.', { field: 'ticketId' });
    const { ticket, organizerId } = found;
    const active = await this.door.undoCheckIn(ticket.id, { eventId: ticket.eventId, organizerId, scannedBy: scanner.userId });
    if (active) {
      this.onCommitted();
      return active;
    }
    const now = (await this.tickets.find(ticket.id)) ?? ticket;
    await this.logRefusal(scanner, 'UNDO', now.status === 'CANCELLED' ? 'CANCELLED' : 'NOT_CHECKED_IN', { scanned: found });
    throw new AppError(ErrorCode.INVALID_TRANSITION, 'This ticket is not checked in, so there is nothing to undo.', {
      from: now.status,
      to: 'ACTIVE',
    });
  }

  /**
   * The event's cancelled tickets after `after`, for those who work its door. To anyone else the
   * event reads as absent: how many tickets a cancelled event had voided is its sales volume.
   */
  async revocations(viewer: Viewer, eventId: string, after: string | null | undefined): Promise<RevocationPageView> {
    if (!isUuid(eventId) || !(await this.door.organizerAtDoor(eventId, viewer.userId))) {
      throw new AppError(ErrorCode.NOT_FOUND, 'No event of yours has this id.', { field: 'eventId' });
    }
    const found = await this.door.revoked(eventId, after ? parseRevocationCursor(after) : undefined, REVOCATION_PAGE);
    return {
      revoked: found.map(({ ticketId, code }) => ({ ticketId, code })),
      cursor: found.length > 0 ? revocationCursor(found.at(-1)!) : (after ?? null),
      complete: found.length < REVOCATION_PAGE,
    };
  }

  private verdict(ticket: TicketRow, eventId: string | null | undefined) {
    const validUntil = decodeQrPayload(ticket.qrPayload)?.validUntil ?? new Date(8.64e15);
    return doorVerdict({ ...ticket, validUntil }, eventId ?? undefined, new Date());
  }

  /**
   * Under the ticket's event when the scan found one there; under `eventId`'s door when the scanner
   * works it and the ticket was not for that event (or no ticket was found), without naming a
   * ticket of another event; nowhere otherwise.
   */
  private async logRefusal(
    scanner: Viewer,
    action: ScanAction,
    result: Exclude<ScanResult, 'ADMITTED' | 'UNDONE'>,
    at: { eventId?: string | null; scanned?: ScannedTicket },
  ): Promise<void> {
    const scannedBy = scanner.userId;
    const { scanned, eventId } = at;
    if (scanned && result !== 'WRONG_EVENT') {
      const { ticket, organizerId } = scanned;
      await this.door.recordScan({ eventId: ticket.eventId, organizerId, ticketId: ticket.id, scannedBy, action, result });
      return;
    }
    if (!eventId || !isUuid(eventId)) return;
    const organizerId = await this.door.organizerAtDoor(eventId, scannedBy);
    if (organizerId) await this.door.recordScan({ eventId, organizerId, ticketId: null, scannedBy, action, result });
  }

  /** The short code or a signed QR payload, among the events the scanner may scan only. */
  private async lookup(scannerId: string, code: string): Promise<Lookup> {
    const normalized = normalizeTicketCode(code);
    if (normalized) {
      const found = await this.door.ticketFor({ code: normalized }, scannerId);
      return found ? { found } : { reason: 'NOT_FOUND' };
    }
    const checked = await this.keys.verifyLearning(code.trim());
    if (!checked.ok) return { reason: checked.reason === 'MALFORMED' ? 'NOT_FOUND' : 'BAD_SIGNATURE' };
    const found = await this.door.ticketFor({ id: checked.record.ticketId }, scannerId);
    return found ? { found } : { reason: 'NOT_FOUND' };
  }
}

/**
 * `<micros>_<ticket id>`: the form the public list used before it moved here, so a cursor a door
 * device kept from it still continues the list (past that point, for this event).
 */
const revocationCursor = (r: Revocation) => `${r.micros}_${r.ticketId}`;

function parseRevocationCursor(cursor: string): RevocationPosition {
  const [micros, ticketId, ...rest] = cursor.split('_');
  if (rest.length > 0 || !micros || !/^\d{1,18}$/.test(micros) || !isUuid(ticketId)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'after must be a cursor from a previous page.', { field: 'after' });
  }
  return { micros, ticketId: ticketId.toLowerCase() };
}
