import { describe, expect, it } from 'vitest';
import { signerAt, verifyingAt, type StoredSigningKey } from './signing-keys.js';

const T = Date.parse('2026-11-29T12:00:00Z');
const at = (minutes: number) => new Date(T + minutes * 60_000);
const key = (kid: string, activates: number, retired?: number, expires?: number): StoredSigningKey => ({
  kid,
  privateJwk: {},
  publicJwk: {},
  createdAt: at(Math.min(activates, 0)),
  activatesAt: at(activates),
  retiredAt: retired === undefined ? null : at(retired),
  expiresAt: expires === undefined ? null : at(expires),
});

describe('signing-key schedule', () => {
  // A rotation at T-1 whose new key activates at T: the old key signs until then, verifies 20 more minutes.
  const keys = [key('old', -600, 0, 20), key('new', 0)];

  it('signs with the old key until the new one activates, then with the new one', () => {
    expect(signerAt(keys, T - 1)?.kid).toBe('old');
    expect(signerAt(keys, T)?.kid).toBe('new');
  });

  it('verifies with both keys through the grace, and with the new one only after it', () => {
    expect(verifyingAt(keys, T - 1).map((k) => k.kid)).toEqual(['old', 'new']);
    expect(verifyingAt(keys, T + 19 * 60_000).map((k) => k.kid)).toEqual(['old', 'new']);
    expect(verifyingAt(keys, T + 20 * 60_000).map((k) => k.kid)).toEqual(['new']);
  });

  it('never signs with a key retired before its activation, or expired', () => {
    expect(signerAt([key('withdrawn', 10, 5, 5)], T + 60 * 60_000)).toBeUndefined();
    expect(signerAt([key('expired', -10, undefined, -1)], T)).toBeUndefined();
  });
});
