import { randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TTL_SECONDS, createTokenVerifier, type TokenVerifier } from '@sbor/auth';
import type { Role } from '@sbor/core';
import type { SigningKey, SigningKeyRepository } from './repositories.js';

export interface AccessTokenSubject {
  userId: string;
  role: Role;
}

export interface KeyRing {
  /** Signs a 15-minute EdDSA access token with the active key. */
  sign(subject: AccessTokenSubject): Promise<string>;
  /** The public keys, as served at /.well-known/jwks.json. */
  jwks(): JSONWebKeySet;
  /** Verifies tokens against the published keys without a network hop. */
  verify: TokenVerifier;
}

async function newKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const meta = { kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  return { kid, privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk: { ...(await exportJWK(publicKey)), ...meta } };
}

/**
 * Loads the signing keys, creating the first one if storage has none. Replicas starting together
 * agree on one key (the repository creates it under a transaction-scoped advisory lock).
 */
export async function loadKeyRing(keys: SigningKeyRepository, issuer: string, audience: string): Promise<KeyRing> {
  const active = await keys.activeOrCreate(newKey);
  const published = await keys.published();
  const set: JSONWebKeySet = { keys: published.map((k) => k.publicJwk as JWK) };
  const privateKey = await importJWK(active.privateJwk as JWK, ACCESS_TOKEN_ALG);
  const verify = createTokenVerifier({ keys: createLocalJWKSet(set), issuer, audience });
  return {
    sign: ({ userId, role }) =>
      new SignJWT({ role })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid: active.kid, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
        .sign(privateKey),
    jwks: () => set,
    verify,
  };
}
