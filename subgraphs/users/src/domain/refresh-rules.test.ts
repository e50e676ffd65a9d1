import { describe, expect, it } from 'vitest';
import { decideRefresh } from './refresh-rules.js';

const now = new Date('2026-06-01T12:00:00Z');
const later = new Date('2026-06-30T12:00:00Z');
const earlier = new Date('2026-05-01T12:00:00Z');

describe('decideRefresh', () => {
  it('rotates a live, unused token', () => {
    expect(decideRefresh({ usedAt: null, expiresAt: later, familyRevokedAt: null }, now)).toEqual({ kind: 'ROTATE' });
  });
  it('treats a token it never issued as unknown', () => {
    expect(decideRefresh(undefined, now)).toEqual({ kind: 'UNKNOWN' });
  });
  it('treats a second use of a rotated token as reuse, which ends the family', () => {
    expect(decideRefresh({ usedAt: earlier, expiresAt: later, familyRevokedAt: null }, now)).toEqual({ kind: 'REUSE' });
  });
  it('refuses an expired token without revoking anything', () => {
    expect(decideRefresh({ usedAt: null, expiresAt: earlier, familyRevokedAt: null }, now)).toEqual({ kind: 'EXPIRED' });
  });
  it('refuses any token of a revoked family, used or not', () => {
    expect(decideRefresh({ usedAt: null, expiresAt: later, familyRevokedAt: earlier }, now)).toEqual({ kind: 'SESSION_ENDED' });
    expect(decideRefresh({ usedAt: earlier, expiresAt: later, familyRevokedAt: earlier }, now)).toEqual({ kind: 'SESSION_ENDED' });
  });
  it('counts a token expiring exactly now as expired', () => {
    expect(decideRefresh({ usedAt: null, expiresAt: now, familyRevokedAt: null }, now)).toEqual({ kind: 'EXPIRED' });
  });
});
