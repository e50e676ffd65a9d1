import type { SignatureCheck, SignedQr } from './ticket-code';

/**
 * What the door shows for a scan. VALID admits; every other status turns the holder away, except
 * UNVERIFIED: a typed code checked with no connection, which only the server can judge.
 */
export type DoorStatus = 'VALID' | 'USED' | 'CANCELLED' | 'WRONG_EVENT' | 'INVALID' | 'UNVERIFIED';

/** Why a code is INVALID. */
export type InvalidReason =
  'UNREADABLE' | 'UNKNOWN_KEY' | 'RETIRED_KEY' | 'BAD_SIGNATURE' | 'NOT_YET_VALID' | 'EXPIRED' | 'NOT_FOUND' | 'NOT_ALLOWED';

export type Verdict =
  | { status: 'VALID' | 'CANCELLED' | 'WRONG_EVENT' | 'UNVERIFIED' }
  | { status: 'USED'; checkedInAt?: string; here: boolean }
  | { status: 'INVALID'; reason: InvalidReason };

/** What the device knows without a connection. */
export interface OfflineFacts {
  eventId: string;
  now: Date;
  /** When the key that signed the code was retired (its `exp` in the cached keys); undefined for none. */
  keyExpiresAt: (kid: string) => Date | undefined;
  /** The ticket is on the cached revocation list. */
  isRevoked: (ticketId: string) => boolean;
  /** What this device already learned of the ticket through its own check-ins: USED or CANCELLED. */
  learned: (ticketId: string) => Verdict | undefined;
}

/** Devices' clocks drift: a ticket bought a few minutes "in the future" of this device still enters. */
export const CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * The verdict on a QR payload with no connection, in the order the server decides
 * (subgraphs/tickets/src/domain/rules.ts `doorVerdict`): a bad signature first, or one by a key
 * retired since (its `exp` passed: it vouches for nothing, not even which event the code names),
 * then another event, cancelled (the revocation list, then what check-ins taught), used, and
 * outside its validity window.
 */
export function offlineVerdict({ record }: SignedQr, signature: SignatureCheck, facts: OfflineFacts): Verdict {
  if (signature !== 'VALID') return { status: 'INVALID', reason: signature };
  const retiredAt = facts.keyExpiresAt(record.kid);
  if (retiredAt && facts.now.getTime() >= retiredAt.getTime()) return { status: 'INVALID', reason: 'RETIRED_KEY' };
  if (record.eventId !== facts.eventId) return { status: 'WRONG_EVENT' };
  if (facts.isRevoked(record.ticketId)) return { status: 'CANCELLED' };
  const learned = facts.learned(record.ticketId);
  if (learned) return learned;
  const now = facts.now.getTime();
  if (now > record.validUntil.getTime()) return { status: 'INVALID', reason: 'EXPIRED' };
  if (now + CLOCK_SKEW_MS < record.validFrom.getTime()) return { status: 'INVALID', reason: 'NOT_YET_VALID' };
  return { status: 'VALID' };
}
