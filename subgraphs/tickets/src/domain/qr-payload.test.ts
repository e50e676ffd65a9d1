import { createPrivateKey, randomUUID, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newQrKey } from './key-ring.js';
import { decodeQrPayload, signQrPayload, verifyQrPayload, type PublicQrKey } from './qr-payload.js';

const record = () => ({
  ticketId: randomUUID(),
  eventId: randomUUID(),
  ticketTypeId: randomUUID(),
  validFrom: new Date('2026-05-01T10:00:00Z'),
  validUntil: new Date('2026-05-02T02:00:00Z'),
});

function keyPair() {
  const stored = newQrKey();
  return {
    kid: stored.kid,
    privateKey: createPrivateKey({ key: stored.privateJwk as JsonWebKey, format: 'jwk' }),
    publicJwk: stored.publicJwk as PublicQrKey,
  };
}

describe('QR payload', () => {
  it('round-trips every field through the compact binary form', () => {
    const key = keyPair();
    const r = record();
    const payload = signQrPayload({ ...r, kid: key.kid }, key.privateKey);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(payload.length).toBeLessThan(200);
    expect(decodeQrPayload(payload)).toMatchObject({ ...r, kid: key.kid, seed: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });

  it('verifies with nothing but the published public keys, as an offline door device would', () => {
    const key = keyPair();
    const r = record();
    const payload = signQrPayload({ ...r, kid: key.kid }, key.privateKey);
    const published = JSON.parse(JSON.stringify({ keys: [key.publicJwk] })) as { keys: PublicQrKey[] };
    expect(published.keys[0]).not.toHaveProperty('d');
    expect(verifyQrPayload(payload, published.keys)).toEqual({ ok: true, record: expect.objectContaining(r) });
  });

  it('keeps verifying tickets signed before a key rotation, and verifies new ones with the new key', () => {
    const retired = keyPair();
    const current = keyPair();
    const before = signQrPayload({ ...record(), kid: retired.kid }, retired.privateKey);
    const after = signQrPayload({ ...record(), kid: current.kid }, current.privateKey);
    const keys = [retired.publicJwk, current.publicJwk];
    expect(verifyQrPayload(before, keys).ok).toBe(true);
    expect(verifyQrPayload(after, keys).ok).toBe(true);
    expect(verifyQrPayload(before, [current.publicJwk])).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
  });

  it('rejects a tampered payload and one signed by a key posing under a published key id', () => {
    const key = keyPair();
    const payload = signQrPayload({ ...record(), kid: key.kid }, key.privateKey);
    const bytes = Buffer.from(payload, 'base64url');
    bytes[20] = bytes[20]! ^ 0xff; // another ticket id
    expect(verifyQrPayload(bytes.toString('base64url'), [key.publicJwk])).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });

    const forger = keyPair();
    const forged = signQrPayload({ ...record(), kid: key.kid }, forger.privateKey);
    expect(verifyQrPayload(forged, [key.publicJwk])).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('calls anything that is not a version-1 record malformed', () => {
    const key = keyPair();
    expect(verifyQrPayload('not a payload!', [key.publicJwk])).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(verifyQrPayload(Buffer.alloc(137).toString('base64url'), [key.publicJwk])).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(verifyQrPayload('', [key.publicJwk])).toEqual({ ok: false, reason: 'MALFORMED' });
  });
});
