import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test support: payloads signed by the tickets service's own signQrPayload
import { qrKey, signedPayload, ticketRecord } from '../../../../test/support/qr-keys';
import { decodeQrPayload } from './ticket-code';
import { CLOCK_SKEW_MS, offlineVerdict, type OfflineFacts } from './verdict';

const HOUR = 60 * 60 * 1000;
const now = new Date('2026-05-01T18:00:00Z');

function scan(record = ticketRecord({ validFrom: new Date(now.getTime() - HOUR), validUntil: new Date(now.getTime() + 6 * HOUR) })) {
  return { record, signed: decodeQrPayload(signedPayload(record, qrKey()))! };
}

const facts = (eventId: string, overrides: Partial<OfflineFacts> = {}): OfflineFacts => ({
  eventId,
  now,
  keyExpiresAt: () => undefined,
  isRevoked: () => false,
  learned: () => undefined,
  ...overrides,
});

describe('offlineVerdict (the door with no connection)', () => {
  it('admits a well-signed ticket of this event, within its window, not revoked, not checked in here', () => {
    const { record, signed } = scan();
    expect(offlineVerdict(signed, 'VALID', facts(record.eventId))).toEqual({ status: 'VALID' });
  });

  it('turns away a bad or unverifiable signature before anything else', () => {
    const { record, signed } = scan();
    expect(offlineVerdict(signed, 'BAD_SIGNATURE', facts(record.eventId))).toEqual({ status: 'INVALID', reason: 'BAD_SIGNATURE' });
    expect(offlineVerdict(signed, 'UNKNOWN_KEY', facts(randomUUID()))).toEqual({ status: 'INVALID', reason: 'UNKNOWN_KEY' });
  });

  it('turns away a code signed by a key whose `exp` has passed, whatever event it names; before then it admits', () => {
    const { record, signed } = scan();
    const retired = (at: Date) => (kid: string) => (kid === signed.record.kid ? at : undefined);
    const at = (exp: Date) => offlineVerdict(signed, 'VALID', facts(record.eventId, { keyExpiresAt: retired(exp) }));
    expect(at(new Date(now.getTime() - 1000))).toEqual({ status: 'INVALID', reason: 'RETIRED_KEY' });
    expect(at(now)).toEqual({ status: 'INVALID', reason: 'RETIRED_KEY' });
    expect(at(new Date(now.getTime() + 1000))).toEqual({ status: 'VALID' });
    const elsewhere = facts(randomUUID(), { keyExpiresAt: retired(new Date(now.getTime() - HOUR)) });
    expect(offlineVerdict(signed, 'VALID', elsewhere)).toEqual({ status: 'INVALID', reason: 'RETIRED_KEY' });
  });

  it('says WRONG_EVENT for another event’s ticket, even a revoked one', () => {
    const { signed } = scan();
    expect(offlineVerdict(signed, 'VALID', facts(randomUUID(), { isRevoked: () => true }))).toEqual({ status: 'WRONG_EVENT' });
  });

  it('says CANCELLED for a ticket on the revocation list', () => {
    const { record, signed } = scan();
    const revoked = facts(record.eventId, { isRevoked: (id) => id === record.ticketId });
    expect(offlineVerdict(signed, 'VALID', revoked)).toEqual({ status: 'CANCELLED' });
  });

  it('says USED for a ticket this device already checked in, with when', () => {
    const { record, signed } = scan();
    const learned = { status: 'USED' as const, checkedInAt: '2026-05-01T17:55:00Z', here: true };
    expect(offlineVerdict(signed, 'VALID', facts(record.eventId, { learned: () => learned }))).toEqual(learned);
  });

  it('turns away a ticket whose event is over, and one not valid yet beyond the clock skew it allows', () => {
    const over = scan(ticketRecord({ validFrom: new Date(now.getTime() - 9 * HOUR), validUntil: new Date(now.getTime() - 1000) }));
    expect(offlineVerdict(over.signed, 'VALID', facts(over.record.eventId))).toEqual({ status: 'INVALID', reason: 'EXPIRED' });
    const early = scan(
      ticketRecord({ validFrom: new Date(now.getTime() + CLOCK_SKEW_MS + 60_000), validUntil: new Date(now.getTime() + 9 * HOUR) }),
    );
    expect(offlineVerdict(early.signed, 'VALID', facts(early.record.eventId))).toEqual({ status: 'INVALID', reason: 'NOT_YET_VALID' });
    const skewed = scan(ticketRecord({ validFrom: new Date(now.getTime() + 60_000), validUntil: new Date(now.getTime() + 9 * HOUR) }));
    expect(offlineVerdict(skewed.signed, 'VALID', facts(skewed.record.eventId))).toEqual({ status: 'VALID' });
  });
});
