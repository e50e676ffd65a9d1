/**
 * The signed QR record of `subgraphs/tickets/src/domain/qr-payload.ts`, read in the browser: the
 * same binary layout, verified with WebCrypto's Ed25519 against the public keys served at
 * `/tickets/keys`, so a door device can check a ticket with no connection.
 *
 *   offset size  field
 *   0      1     version (1)
 *   1      8     key id
 *   9      16    ticket id (uuid bytes)
 *   25     16    event id
 *   41     16    ticket type id
 *   57     8     random seed
 *   65     4     valid from, unix seconds (uint32 big-endian)
 *   69     4     valid until, unix seconds
 *   73     64    Ed25519 signature over bytes 0..72
 */
export const PAYLOAD_VERSION = 1;
const BODY_LENGTH = 73;
const SIGNATURE_LENGTH = 64;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface QrRecord {
  kid: string;
  ticketId: string;
  eventId: string;
  ticketTypeId: string;
  seed: string;
  validFrom: Date;
  validUntil: Date;
}

/** A decoded payload: the record, and the bytes its signature covers. */
export interface SignedQr {
  record: QrRecord;
  body: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
}

/** A public key as served at /tickets/keys (an OKP JWK with `kid`). */
export interface PublicQrKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg?: string;
  use?: string;
  /** Unix seconds after which the key is retired: codes it signed are refused (`offlineVerdict`). */
  exp?: number;
}

export type SignatureCheck = 'VALID' | 'UNKNOWN_KEY' | 'BAD_SIGNATURE';

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const uuid = (bytes: Uint8Array) => {
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

function fromBase64url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The record in a QR payload, or undefined when the text is not one (a short code, or garbage). */
export function decodeQrPayload(payload: string): SignedQr | undefined {
  const text = payload.trim();
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  const bytes = fromBase64url(text);
  if (bytes.length !== BODY_LENGTH + SIGNATURE_LENGTH || bytes[0] !== PAYLOAD_VERSION) return undefined;
  const view = new DataView(bytes.buffer);
  return {
    record: {
      kid: hex(bytes.subarray(1, 9)),
      ticketId: uuid(bytes.subarray(9, 25)),
      eventId: uuid(bytes.subarray(25, 41)),
      ticketTypeId: uuid(bytes.subarray(41, 57)),
      seed: hex(bytes.subarray(57, 65)),
      validFrom: new Date(view.getUint32(65) * 1000),
      validUntil: new Date(view.getUint32(69) * 1000),
    },
    body: bytes.subarray(0, BODY_LENGTH),
    signature: bytes.subarray(BODY_LENGTH),
  };
}

/**
 * A verifier over a set of public keys. Each key is imported into WebCrypto once; a key that
 * WebCrypto refuses counts as unknown.
 */
export function createSignatureVerifier(keys: readonly PublicQrKey[], subtle: SubtleCrypto = globalThis.crypto.subtle) {
  const imported = new Map<string, Promise<CryptoKey | undefined>>();
  const importKey = (jwk: PublicQrKey) =>
    subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, { name: 'Ed25519' }, false, ['verify']).catch(() => undefined);

  return async function verify({ record, body, signature }: SignedQr): Promise<SignatureCheck> {
    const jwk = keys.find((key) => key.kid === record.kid);
    if (!jwk) return 'UNKNOWN_KEY';
    let key = imported.get(jwk.kid);
    if (!key) {
      key = importKey(jwk);
      imported.set(jwk.kid, key);
    }
    const cryptoKey = await key;
    if (!cryptoKey) return 'UNKNOWN_KEY';
    return (await subtle.verify({ name: 'Ed25519' }, cryptoKey, signature, body)) ? 'VALID' : 'BAD_SIGNATURE';
  };
}

export type SignatureVerifier = ReturnType<typeof createSignatureVerifier>;
