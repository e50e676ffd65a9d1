/**
 * The signed QR record (DESIGN.md "Ticket codes", after pretix's offline scheme). Binary, so the
 * QR code stays small, then base64url:
 *
 *   offset size  field
 *   0      1     version (1)
 *   1      8     key id: which public key verifies the signature (keys rotate)
 *   9      16    ticket id (uuid bytes)
 *   25     16    event id
 *   41     16    ticket type id
 *   57     8     random seed: two payloads never look alike, even for one ticket re-signed
 *   65     4     valid from, unix seconds (uint32 big-endian)
 *   69     4     valid until, unix seconds
 *   73     64    Ed25519 signature over bytes 0..72
 *
 * This module needs only public keys to verify, so a door device can run it offline.
 */
import { createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

export const PAYLOAD_VERSION = 1;
const BODY_LENGTH = 73;
const SIGNATURE_LENGTH = 64;
const KID_LENGTH = 8;

export interface QrRecord {
  kid: string;
  ticketId: string;
  eventId: string;
  ticketTypeId: string;
  seed: string;
  validFrom: Date;
  validUntil: Date;
}

/** A public key as served at /tickets/keys (an OKP JWK with `kid`). */
export interface PublicQrKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg?: string;
  use?: string;
}

export type QrVerification = { ok: true; record: QrRecord } | { ok: false; reason: 'MALFORMED' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE' };

const uuidToBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const bytesToUuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const seconds = (d: Date) => Math.max(0, Math.min(0xffffffff, Math.floor(d.getTime() / 1000)));

/** A new key id: 8 random bytes as 16 hex characters, the form the payload carries. */
export const newKeyId = () => randomBytes(KID_LENGTH).toString('hex');

export function encodeQrBody(record: Omit<QrRecord, 'seed'> & { seed?: string }): Buffer {
  const body = Buffer.alloc(BODY_LENGTH);
  body.writeUInt8(PAYLOAD_VERSION, 0);
  Buffer.from(record.kid, 'hex').copy(body, 1, 0, KID_LENGTH);
  uuidToBytes(record.ticketId).copy(body, 9);
  uuidToBytes(record.eventId).copy(body, 25);
  uuidToBytes(record.ticketTypeId).copy(body, 41);
  (record.seed ? Buffer.from(record.seed, 'hex') : randomBytes(8)).copy(body, 57, 0, 8);
  body.writeUInt32BE(seconds(record.validFrom), 65);
  body.writeUInt32BE(seconds(record.validUntil), 69);
  return body;
}

/** Signs a record with the private key `kid` names; returns the base64url payload. */
export function signQrPayload(record: Omit<QrRecord, 'seed'> & { seed?: string }, privateKey: KeyObject): string {
  const body = encodeQrBody(record);
  const signature = sign(null, body, privateKey);
  return Buffer.concat([body, signature]).toString('base64url');
}

/** Reads the record without checking the signature (for payloads this service stored itself). */
export function decodeQrPayload(payload: string): QrRecord | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) return undefined;
  const bytes = Buffer.from(payload, 'base64url');
  if (bytes.length !== BODY_LENGTH + SIGNATURE_LENGTH || bytes.readUInt8(0) !== PAYLOAD_VERSION) return undefined;
  return {
    kid: bytes.subarray(1, 9).toString('hex'),
    ticketId: bytesToUuid(bytes.subarray(9, 25)),
    eventId: bytesToUuid(bytes.subarray(25, 41)),
    ticketTypeId: bytesToUuid(bytes.subarray(41, 57)),
    seed: bytes.subarray(57, 65).toString('hex'),
    validFrom: new Date(bytes.readUInt32BE(65) * 1000),
    validUntil: new Date(bytes.readUInt32BE(69) * 1000),
  };
}

/** Verifies a payload with public keys only, exactly as a door device would. */
export function verifyQrPayload(payload: string, keys: readonly PublicQrKey[]): QrVerification {
  const record = decodeQrPayload(payload);
  if (!record) return { ok: false, reason: 'MALFORMED' };
  const jwk = keys.find((k) => k.kid === record.kid);
  if (!jwk) return { ok: false, reason: 'UNKNOWN_KEY' };
  const bytes = Buffer.from(payload, 'base64url');
  const publicKey = createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: 'jwk' });
  const valid = verify(null, bytes.subarray(0, BODY_LENGTH), publicKey, bytes.subarray(BODY_LENGTH));
  return valid ? { ok: true, record } : { ok: false, reason: 'BAD_SIGNATURE' };
}
