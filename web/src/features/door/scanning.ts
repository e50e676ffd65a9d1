import type { DoorApi } from './api/client';
import type { DoorEvent } from './api/my-events';
import { validateTicket } from './api/validate-ticket';
import type { CheckInEntry, CheckInQueue, Refusal, TicketFacts } from './offline/check-in-queue';
import { normalizeShortCode } from './offline/short-code';
import { decodeQrPayload } from './offline/ticket-code';
import type { TicketLists } from './offline/ticket-lists';
import { offlineVerdict, type Verdict } from './offline/verdict';

/** One scan as the door shows it. */
export interface ScanResult {
  /** Unique per scan, so the same verdict twice is announced twice. */
  id: string;
  at: string;
  verdict: Verdict;
  ticket?: TicketFacts;
  /** The queued check-in, when the scan admitted the ticket: its sync state follows. */
  checkInId?: string;
}

export interface ScanDeps {
  event: DoorEvent;
  lists: TicketLists;
  queue: CheckInQueue;
  api: DoorApi;
  isOnline?: () => boolean;
  now?: () => Date;
}

/**
 * From scanned or typed text to a verdict, at once and with no connection when the text is a
 * signed QR payload: signature (WebCrypto, cached keys), event, revocation list, this device's own
 * check-ins, validity window. An admitted ticket is queued for `checkInTicket`; the queue syncs it
 * now when online, later when not. A typed short code carries no signature: online the server
 * judges it (`validateTicket`), offline it is queued unverified.
 */
export function createScanning(deps: ScanDeps) {
  const now = deps.now ?? (() => new Date());
  const isOnline = deps.isOnline ?? (() => navigator.onLine);
  const { event, lists, queue } = deps;
  const typeName = (ticketTypeId: string) => event.ticketTypes.find((type) => type.id === ticketTypeId)?.name;

  const result = (verdict: Verdict, extra: Partial<ScanResult> = {}): ScanResult => ({
    id: crypto.randomUUID(),
    at: now().toISOString(),
    verdict,
    ...extra,
  });

  async function admit(code: string, verified: boolean, ticket: TicketFacts, verdict: Verdict): Promise<ScanResult> {
    const entry = await queue.add({ eventId: event.id, code, verified, ticketId: ticket.ticketId, ticket });
    return result(verdict, { ticket, checkInId: entry.id });
  }

  async function scanPayload(payload: string): Promise<ScanResult | undefined> {
    const signed = decodeQrPayload(payload);
    if (!signed) return undefined;
    let signature = await lists.verifier()(signed);
    if (signature === 'UNKNOWN_KEY' && isOnline() && (await lists.refreshKeys())) signature = await lists.verifier()(signed);
    const { ticketId, ticketTypeId } = signed.record;
    const verdict = offlineVerdict(signed, signature, {
      eventId: event.id,
      now: now(),
      keyExpiresAt: lists.keyExpiresAt,
      isRevoked: lists.isRevoked,
      learned: (id) => learnedFrom(queue.latestFor(event.id, { ticketId: id })),
    });
    // What an earlier check-in here learned (the holder's and attendee's names) is shown again.
    const { ownerName, attendeeName } = queue.latestFor(event.id, { ticketId })?.ticket ?? {};
    const ticket: TicketFacts = {
      ticketId,
      typeName: typeName(ticketTypeId),
      ...(ownerName ? { ownerName } : {}),
      ...(attendeeName ? { attendeeName } : {}),
    };
    if (verdict.status !== 'VALID') return result(verdict, signature === 'VALID' ? { ticket } : {});
    return admit(payload.trim(), true, ticket, verdict);
  }

  async function scanShortCode(code: string): Promise<ScanResult> {
    if (lists.isRevokedCode(code)) return result({ status: 'CANCELLED' });
    const learned = learnedFrom(queue.latestFor(event.id, { code }));
    if (learned) return result(learned);
    if (isOnline()) {
      const answer = await validateTicket(deps.api, { code, eventId: event.id });
      if (answer.ok) {
        const { valid, reason, ticket } = answer.data.validateTicket;
        const facts: TicketFacts = {
          ticketId: ticket?.id,
          typeName: ticket?.ticketType.name,
          ownerName: ticket?.owner.displayName,
          attendeeName: ticket?.attendeeName ?? undefined,
          checkedInAt: ticket?.checkedInAt ?? undefined,
        };
        if (valid) return admit(code, true, facts, { status: 'VALID' });
        return result(verdictOfServer(reason, facts), { ticket: facts });
      }
      if (answer.failure.kind === 'api') return result({ status: 'INVALID', reason: 'NOT_ALLOWED' });
      // No answer: judged like a scan with no connection.
    }
    return admit(code, false, {}, { status: 'UNVERIFIED' });
  }

  return {
    async scan(text: string): Promise<ScanResult> {
      const fromPayload = await scanPayload(text);
      if (fromPayload) return fromPayload;
      const code = normalizeShortCode(text);
      return code ? scanShortCode(code) : result({ status: 'INVALID', reason: 'UNREADABLE' });
    },
  };
}

export type Scanning = ReturnType<typeof createScanning>;

/** What an earlier check-in on this device says about the ticket now. */
function learnedFrom(entry: CheckInEntry | undefined): Verdict | undefined {
  if (!entry) return undefined;
  if (entry.state !== 'conflict') return { status: 'USED', checkedInAt: entry.ticket?.checkedInAt ?? entry.scannedAt, here: true };
  if (entry.refusal?.reason === 'USED') return { status: 'USED', checkedInAt: entry.refusal.checkedInAt, here: false };
  if (entry.refusal?.reason === 'CANCELLED') return { status: 'CANCELLED' };
  return undefined;
}

/** `validateTicket`'s reasons (schema/supergraph.graphql, TicketValidation.reason). */
function verdictOfServer(reason: string | null | undefined, ticket: TicketFacts): Verdict {
  switch (reason) {
    case 'USED':
      return { status: 'USED', checkedInAt: ticket.checkedInAt, here: false };
    case 'CANCELLED':
      return { status: 'CANCELLED' };
    case 'WRONG_EVENT':
      return { status: 'WRONG_EVENT' };
    case 'EXPIRED':
      return { status: 'INVALID', reason: 'EXPIRED' };
    case 'BAD_SIGNATURE':
      return { status: 'INVALID', reason: 'BAD_SIGNATURE' };
    default:
      return { status: 'INVALID', reason: 'NOT_FOUND' };
  }
}

/** The verdict a refused check-in turns the scan into: the server knew better than the device. */
export function verdictOfRefusal(refusal: { reason: Refusal; checkedInAt?: string }): Verdict {
  switch (refusal.reason) {
    case 'USED':
      return { status: 'USED', checkedInAt: refusal.checkedInAt, here: false };
    case 'CANCELLED':
      return { status: 'CANCELLED' };
    case 'WRONG_EVENT':
      return { status: 'WRONG_EVENT' };
    default:
      return { status: 'INVALID', reason: refusal.reason };
  }
}
