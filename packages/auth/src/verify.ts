import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import { ACCESS_TOKEN_ALG, accessTokenClaims } from './claims.js';

export interface TokenVerifierOptions {
  /** Where the signing keys come from: a remote JWKS (router, subgraphs) or a local key set (users). */
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
  /** Seconds of clock skew tolerated on `exp`/`nbf`. */
  clockToleranceSeconds?: number;
  /** Verified tokens remembered (see createTokenVerifier); `false` verifies every time. */
  cache?: { maxEntries: number; maxAgeMs: number } | false;
}

const DEFAULT_CACHE = { maxEntries: 10_000, maxAgeMs: 60_000 };

export type TokenVerifier = (token: string) => Promise<Viewer>;

/** A verifier refetches the JWKS for an unknown `kid` at most this often. */
export const JWKS_REFETCH_COOLDOWN_MS = 30_000;
/** And at least this often, so a key the operator retired stops verifying within it. */
export const JWKS_MAX_AGE_MS = 60_000;

/**
 * jose's remote key set caches the JWKS and refetches on an unknown `kid` (at most every 30 s),
 * so key rotation works without a restart and a flood of forged kids cannot hammer the users
 * service. A rotation's new key signs only after a delay longer than the cooldown
 * (users' ACCESS_KEY_ROTATION), so the refetch its first token causes always finds it.
 */
export function remoteKeySet(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), {
    cooldownDuration: JWKS_REFETCH_COOLDOWN_MS,
    cacheMaxAge: JWKS_MAX_AGE_MS,
    timeoutDuration: 3_000,
  });
}

/**
 * Verifies an access token (signature, algorithm, iss, aud, exp) and returns who it names.
 *
 * A client sends the same token with every request for up to 15 minutes, and an Ed25519 check
 * costs about half a millisecond here, on the router and again on the subgraph. So a token that
 * verified is remembered, by its exact text (a changed byte is another key), until its `exp` and
 * at most `maxAgeMs`, so a key withdrawn from the JWKS stops working within that time. Access
 * tokens are stateless (DESIGN.md: logout revokes refresh tokens), so nothing else can revoke one.
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const cache = options.cache ?? DEFAULT_CACHE;
  if (cache === false) return async (token) => (await verifyToken(token, options)).viewer;
  const remembered = new Map<string, { viewer: Viewer; until: number }>();
  return async (token) => {
    const now = Date.now();
    const hit = remembered.get(token);
    if (hit && now < hit.until) return hit.viewer;
    remembered.delete(token);
    const { viewer, expiresAt } = await verifyToken(token, options);
    if (remembered.size >= cache.maxEntries) remembered.delete(remembered.keys().next().value!);
    remembered.set(token, { viewer, until: Math.min(expiresAt, now + cache.maxAgeMs) });
    return viewer;
  };
}

async function verifyToken(token: string, options: TokenVerifierOptions): Promise<{ viewer: Viewer; expiresAt: number }> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, options.keys, {
      algorithms: [ACCESS_TOKEN_ALG],
      issuer: options.issuer,
      audience: options.audience,
      clockTolerance: options.clockToleranceSeconds ?? 5,
      requiredClaims: ['exp', 'sub', 'jti'],
    }));
  } catch (error) {
    throw toAuthError(error);
  }
  const claims = accessTokenClaims.safeParse(payload);
  if (!claims.success) {
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'The access token is missing required claims.');
  }
  const viewer: Viewer = Object.freeze({ userId: claims.data.sub, role: claims.data.role, tokenId: claims.data.jti });
  return { viewer, expiresAt: claims.data.exp * 1000 };
}

function toAuthError(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) {
    return new AppError(ErrorCode.UNAUTHENTICATED, 'The access token has expired. Get a new one with Mutation.refreshToken.', {
      reason: 'TOKEN_EXPIRED',
    });
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && /fetch failed|ECONNREFUSED/.test(error.message))) {
    return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'Sign-in keys cannot be loaded right now. Try again shortly.');
  }
  return new AppError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid.', { reason: 'TOKEN_INVALID' });
}
