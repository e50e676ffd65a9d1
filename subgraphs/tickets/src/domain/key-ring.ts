import { createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import { loadKeys, type Db, type NewSigningKey, type Rotation, type StoredSigningKey } from '@sbor/db';
import { qrKeyStore } from '../db/signing-keys.js';
import {
  decodeQrPayload,
  newKeyId,
  signQrPayload,
  verifyQrPayload,
  type PublicQrKey,
  type QrRecord,
  type QrVerification,
} from './qr-payload.js';

/** A published QR key; `exp` (unix seconds) is when a retired key stops verifying. */
export type PublishedQrKey = PublicQrKey & { exp?: number };

export interface QrKeyRing {
  /** Signs a ticket's record with the key that signs now. */
  sign(record: Omit<QrRecord, 'kid' | 'seed'>): string;
  /** Verifies with the published public keys, as a door device would. */
  verify(payload: string): QrVerification;
  /** As `verify`, first learning a key another replica started signing with. */
  verifyLearning(payload: string): Promise<QrVerification>;
  /**
   * The payload a holder should show now: `payload` itself, or, when a retired key signed it, the
   * same record signed again with the current key (so its grace can end without stranding anyone).
   */
  renewed(payload: string): string;
  /** The public keys, served at GET /tickets/keys. */
  jwks(): { keys: PublishedQrKey[] };
  /** Re-reads the keys (after a rotation by another replica or the operator). */
  reload(): Promise<void>;
  /** Keeps the keys current until the returned stop is called. */
  watch(intervalMs: number, onError: (error: unknown) => void): () => Promise<void>;
}

/**
 * Rotation timing for QR keys: the new key signs a minute after the rotation (every replica has
 * re-read the keys by then), and the old one keeps verifying for `graceMs` — printed tickets and
 * emailed codes stay good that long; holders who open their ticket get a code from the new key.
 */
export const QR_KEY_ROTATION: Rotation = { activationDelayMs: 60_000, graceMs: 30 * 24 * 3_600_000 };
/** How often a replica re-reads the keys; below the rotation delay. */
export const QR_KEY_RELOAD_MS = 20_000;

/** A fresh Ed25519 key pair as JWKs tagged with a payload-sized key id. */
export function newQrKey(): NewSigningKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = newKeyId();
  const meta = { kid, alg: 'EdDSA', use: 'sig' };
  return {
    kid,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
  };
}

const published = (key: StoredSigningKey): PublishedQrKey => ({
  ...(key.publicJwk as PublicQrKey),
  ...(key.expiresAt ? { exp: Math.floor(key.expiresAt.getTime() / 1000) } : {}),
});

/** Loads the QR keys, creating the first one on first start. */
export async function loadQrKeyRing(db: Db): Promise<QrKeyRing> {
  const keys = await loadKeys(qrKeyStore(db), newQrKey);
  const privateKeys = new Map<string, KeyObject>();
  const signer = () => {
    const key = keys.signer();
    if (!privateKeys.has(key.kid)) privateKeys.set(key.kid, createPrivateKey({ key: key.privateJwk as JsonWebKey, format: 'jwk' }));
    return { kid: key.kid, key: privateKeys.get(key.kid)! };
  };
  const verify = (payload: string) => verifyQrPayload(payload, keys.verifying().map(published));
  const sign = (record: Omit<QrRecord, 'kid' | 'seed'>) => {
    const { kid, key } = signer();
    return signQrPayload({ ...record, kid }, key);
  };
  return {
    sign,
    verify,
    async verifyLearning(payload) {
      const checked = verify(payload);
      if (checked.ok || checked.reason !== 'UNKNOWN_KEY') return checked;
      const kid = decodeQrPayload(payload)?.kid;
      return kid && (await keys.learn(kid)) ? verify(payload) : checked;
    },
    renewed(payload) {
      const record = decodeQrPayload(payload);
      if (!record || record.kid === keys.signer().kid) return payload;
      const { kid: _kid, seed: _seed, ...rest } = record;
      return sign(rest);
    },
    jwks: () => ({ keys: keys.verifying().map(published) }),
    reload: () => keys.reload(),
    watch: (intervalMs, onError) => keys.watch(intervalMs, onError),
  };
}
