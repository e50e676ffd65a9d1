import { createPrivateKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Db } from '@sbor/db';
import { allKeys, createActiveKeyOnce, rotateActiveKey, type StoredQrKey } from '../db/queries/signing-keys.js';
import { newKeyId, signQrPayload, verifyQrPayload, type PublicQrKey, type QrRecord, type QrVerification } from './qr-payload.js';

export interface QrKeyRing {
  /** Signs a ticket's record with the active key. */
  sign(record: Omit<QrRecord, 'kid' | 'seed'>): string;
  /** Verifies with the published public keys, as a door device would. */
  verify(payload: string): QrVerification;
  /** The public keys, served at GET /tickets/keys. */
  jwks(): { keys: PublicQrKey[] };
  /** Re-reads the keys (after a rotation by another replica). */
  reload(): Promise<void>;
}

/** A fresh Ed25519 key pair as JWKs tagged with a payload-sized key id. */
export function newQrKey(): StoredQrKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const kid = newKeyId();
  const meta = { kid, alg: 'EdDSA', use: 'sig' };
  return {
    kid,
    privateJwk: { ...privateKey.export({ format: 'jwk' }), ...meta },
    publicJwk: { ...publicKey.export({ format: 'jwk' }), ...meta },
  };
}

/** Retires the active QR key and starts signing with a new one; old tickets still verify. */
export async function rotateQrKey(db: Db): Promise<string> {
  const next = newQrKey();
  await rotateActiveKey(db, next);
  return next.kid;
}

/** Loads the QR keys, creating the first one on first start. */
export async function loadQrKeyRing(db: Db): Promise<QrKeyRing> {
  let active: { kid: string; key: KeyObject };
  let published: PublicQrKey[] = [];
  const load = async () => {
    const current = await createActiveKeyOnce(db, newQrKey);
    active = { kid: current.kid, key: createPrivateKey({ key: current.privateJwk as JsonWebKey, format: 'jwk' }) };
    published = (await allKeys(db)).map((k) => k.publicJwk as PublicQrKey);
  };
  await load();
  return {
    sign: (record) => signQrPayload({ ...record, kid: active.kid }, active.key),
    verify: (payload) => verifyQrPayload(payload, published),
    jwks: () => ({ keys: published }),
    reload: load,
  };
}
