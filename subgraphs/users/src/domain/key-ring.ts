import { randomUUID } from 'node:crypto';
import { errors, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK, type JWTVerifyGetKey } from 'jose';
import { ACCESS_TOKEN_ALG, ACCESS_TOKEN_TTL_SECONDS, createTokenVerifier, type TokenVerifier } from '@sbor/auth';
import type { Role } from '@sbor/core';
import { loadKeys, type LoadedKeys, type NewSigningKey } from '@sbor/db';
import type { SigningKeyRepository } from './repositories.js';

type VerifyKey = Awaited<ReturnType<typeof importJWK>>;

export interface AccessTokenSubject {
  userId: string;
  role: Role;
}

export interface KeyRing {
  /** Signs a 15-minute EdDSA access token with the key that signs now. */
  sign(subject: AccessTokenSubject): Promise<string>;
  /** The public keys, as served at /.well-known/jwks.json: a rotation's next key is listed before it signs. */
  jwks(): JSONWebKeySet;
  /** Verifies tokens against the published keys without a network hop. */
  verify: TokenVerifier;
  /** Re-reads the keys. */
  reload(): Promise<void>;
  /** Keeps the keys current (see `loadKeys`) until the returned stop is called. */
  watch(intervalMs: number, onError: (error: unknown) => void): () => Promise<void>;
}

/**
 * Rotation timing for access-token keys. The new key signs a minute after the rotation: longer
 * than a replica's reload interval (so all switch together) and than a verifier's JWKS refetch
 * cooldown (30 s, `remoteKeySet`), so the first token it signs finds it published everywhere.
 * The old key verifies until the last token it signed has expired.
 */
export const ACCESS_KEY_ROTATION = { activationDelayMs: 60_000, graceMs: (ACCESS_TOKEN_TTL_SECONDS + 60) * 1000 };
/** How often a replica re-reads the keys; below the rotation delay. */
export const KEY_RELOAD_MS = 20_000;

export async function newAccessTokenKey(): Promise<NewSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(ACCESS_TOKEN_ALG, { crv: 'Ed25519', extractable: true });
  const kid = randomUUID();
  const meta = { kid, alg: ACCESS_TOKEN_ALG, use: 'sig' };
  return { kid, privateJwk: { ...(await exportJWK(privateKey)), ...meta }, publicJwk: { ...(await exportJWK(publicKey)), ...meta } };
}

/** Verification keys by kid, learning a kid another replica started signing with. */
function keyLookup(keys: LoadedKeys): JWTVerifyGetKey {
  const imported = new Map<string, Promise<VerifyKey>>();
  return async ({ kid }) => {
    let key = kid ? keys.verifying().find((k) => k.kid === kid) : undefined;
    if (!key && kid && (await keys.learn(kid))) key = keys.verifying().find((k) => k.kid === kid);
    if (!key) throw new errors.JWKSNoMatchingKey();
    if (!imported.has(key.kid)) imported.set(key.kid, importJWK(key.publicJwk as JWK, ACCESS_TOKEN_ALG));
    return imported.get(key.kid)!;
  };
}

/**
 * Loads the signing keys, creating the first one if storage has none. Replicas starting together
 * agree on one key (the store creates it under a transaction-scoped advisory lock).
 */
export async function loadKeyRing(store: SigningKeyRepository, issuer: string, audience: string): Promise<KeyRing> {
  const keys = await loadKeys(store, newAccessTokenKey);
  const privateKeys = new Map<string, Promise<VerifyKey>>();
  const privateKey = (kid: string, jwk: unknown) => {
    if (!privateKeys.has(kid)) privateKeys.set(kid, importJWK(jwk as JWK, ACCESS_TOKEN_ALG));
    return privateKeys.get(kid)!;
  };
  // Verified tokens are remembered for a minute, so a key retired at once stops within that.
  const verify = createTokenVerifier({ keys: keyLookup(keys), issuer, audience });
  return {
    sign: async ({ userId, role }) => {
      const signer = keys.signer();
      return new SignJWT({ role })
        .setProtectedHeader({ alg: ACCESS_TOKEN_ALG, kid: signer.kid, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(issuer)
        .setAudience(audience)
        .setJti(randomUUID())
        .setIssuedAt()
        .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
        .sign(await privateKey(signer.kid, signer.privateJwk));
    },
    jwks: () => ({ keys: keys.verifying().map((k) => k.publicJwk as JWK) }),
    verify,
    reload: () => keys.reload(),
    watch: (intervalMs, onError) => keys.watch(intervalMs, onError),
  };
}
