import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- test support: payloads signed by the tickets service's own signQrPayload
import { qrKey, signedPayload, ticketRecord } from '../../../../test/support/qr-keys';
import { createSignatureVerifier, decodeQrPayload } from './ticket-code';

/** Against payloads signed by the tickets service's own signQrPayload (subgraphs/tickets/src/domain/qr-payload.ts). */
describe('decodeQrPayload (the door’s reading of the signed QR record)', () => {
  it('reads every field the tickets service wrote, to the second', () => {
    const key = qrKey();
    const record = ticketRecord({ validFrom: new Date('2026-05-01T10:00:00Z'), validUntil: new Date('2026-05-02T02:00:00Z') });
    const decoded = decodeQrPayload(signedPayload(record, key));
    expect(decoded?.record).toEqual({ ...record, kid: key.kid, seed: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(decoded?.body).toHaveLength(73);
    expect(decoded?.signature).toHaveLength(64);
  });

  it('ignores the blanks around a scanned or pasted payload', () => {
    const key = qrKey();
    const record = ticketRecord();
    expect(decodeQrPayload(`  ${signedPayload(record, key)}\n`)?.record.ticketId).toBe(record.ticketId);
  });

  it('answers undefined for what is not a payload: a short code, base64 of the wrong length, another version, garbage', () => {
    const payload = signedPayload(ticketRecord(), qrKey());
    const otherVersion = Buffer.from(payload, 'base64url');
    otherVersion[0] = 2;
    for (const text of [
      'K7Q2-XR4M-P9TD-AB12-CD34-EF56-GH78',
      payload.slice(0, -4),
      `${payload}AAAA`,
      otherVersion.toString('base64url'),
      'not a code!',
      '',
    ]) {
      expect(decodeQrPayload(text), text).toBeUndefined();
    }
  });
});

describe('createSignatureVerifier (WebCrypto Ed25519 against the published keys)', () => {
  it('accepts a payload signed by a published key', async () => {
    const key = qrKey();
    const verify = createSignatureVerifier([qrKey().publicJwk, key.publicJwk]);
    expect(await verify(decodeQrPayload(signedPayload(ticketRecord(), key))!)).toBe('VALID');
  });

  it('refuses a payload with any byte of its record changed: another event, a later end, a different ticket', async () => {
    const key = qrKey();
    const verify = createSignatureVerifier([key.publicJwk]);
    const bytes = Buffer.from(signedPayload(ticketRecord(), key), 'base64url');
    for (const offset of [12, 30, 70]) {
      const forged = Buffer.from(bytes);
      forged[offset]! ^= 0x01;
      expect(await verify(decodeQrPayload(forged.toString('base64url'))!), `byte ${offset}`).toBe('BAD_SIGNATURE');
    }
  });

  it('refuses a payload signed by a key that is not the published one of its key id', async () => {
    const published = qrKey();
    const impostor = { ...qrKey(), kid: published.kid };
    const verify = createSignatureVerifier([published.publicJwk]);
    expect(await verify(decodeQrPayload(signedPayload(ticketRecord(), impostor))!)).toBe('BAD_SIGNATURE');
  });

  it('cannot judge a payload naming a key it does not have (rotated since the keys were cached)', async () => {
    const verify = createSignatureVerifier([qrKey().publicJwk]);
    expect(await verify(decodeQrPayload(signedPayload(ticketRecord(), qrKey()))!)).toBe('UNKNOWN_KEY');
  });

  it('treats a published key that WebCrypto refuses as unknown, not as a crash', async () => {
    const key = qrKey();
    const verify = createSignatureVerifier([{ ...key.publicJwk, x: 'short' }]);
    expect(await verify(decodeQrPayload(signedPayload(ticketRecord(), key))!)).toBe('UNKNOWN_KEY');
  });
});
