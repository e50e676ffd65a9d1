import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import { normalizeTicketCode } from './codes.js';
import type { QrKeyRing } from './key-ring.js';
import { decodeQrPayload } from './qr-payload.js';
import type { TicketRepository, TicketRow } from './repositories.js';
import { doorVerdict } from './rules.js';
import type { DoorReason, ValidationView } from './views.js';

type Lookup = { ticket: TicketRow } | { reason: Extract<DoorReason, 'NOT_FOUND' | 'BAD_SIGNATURE'> };

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No ticket with this code for your events.');

/** The door: validation (read-only) and check-in, for the organizer of the ticket's event only. */
export class Door {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly keys: QrKeyRing,
    private readonly onCommitted: () => void = () => {},
  ) {}

  async validate(scanner: Viewer, code: string, eventId?: string | null): Promise<ValidationView> {
    const found = await this.lookup(scanner.userId, code);
    if ('reason' in found) return { valid: false, reason: found.reason, ticket: null };
    const reason = this.verdict(found.ticket, eventId);
    return { valid: reason === null, reason, ticket: found.ticket };
  }

  async checkIn(scanner: Viewer, code: string, eventId?: string | null): Promise<TicketRow> {
    const organizerId = scanner.userId;
    const found = await this.lookup(organizerId, code);
    if ('reason' in found) throw notFound();
    const verdict = this.verdict(found.ticket, eventId);
    if (verdict === 'WRONG_EVENT') {
      // The schema promises `reason: WRONG_EVENT`, so a door can tell this from a malformed code.
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This ticket is for a different event.', { field: 'code', reason: 'WRONG_EVENT' });
    }
    if (verdict === 'EXPIRED') throw new AppError(ErrorCode.EVENT_COMPLETED, 'This ticket’s event is over.');
    const used = await this.tickets.checkIn(found.ticket.id, organizerId);
    if (used) {
      this.onCommitted();
      return used;
    }
    // Another scanner (or the cancellation) got there first: say which.
    const now = await this.tickets.find(found.ticket.id);
    if (now?.status === 'CANCELLED') throw new AppError(ErrorCode.TICKET_CANCELLED, 'This ticket was cancelled.');
    throw new AppError(ErrorCode.TICKET_ALREADY_USED, 'This ticket has already been checked in.', {
      checkedInAt: now?.checkedInAt?.toISOString() ?? null,
    });
  }

  private verdict(ticket: TicketRow, eventId: string | null | undefined) {
    const validUntil = decodeQrPayload(ticket.qrPayload)?.validUntil ?? new Date(8.64e15);
    return doorVerdict({ ...ticket, validUntil }, eventId ?? undefined, new Date());
  }

  /**
   * The short code or a signed QR payload, among the organizer's events only: someone else's
   * ticket reads exactly like a code that does not exist.
   */
  private async lookup(organizerId: string, code: string): Promise<Lookup> {
    const normalized = normalizeTicketCode(code);
    if (normalized) {
      const ticket = await this.tickets.forOrganizer({ code: normalized }, organizerId);
      return ticket ? { ticket } : { reason: 'NOT_FOUND' };
    }
    const checked = this.keys.verify(code.trim());
    if (!checked.ok) return { reason: checked.reason === 'MALFORMED' ? 'NOT_FOUND' : 'BAD_SIGNATURE' };
    const ticket = await this.tickets.forOrganizer({ id: checked.record.ticketId }, organizerId);
    return ticket ? { ticket } : { reason: 'NOT_FOUND' };
  }
}
