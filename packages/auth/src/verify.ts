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
}

export type TokenVerifier = (token: string) => Promise<Viewer>;

/**
 * jose's remote key set caches the JWKS and refetches on an unknown `kid` (at most every 30 s),
 * so key rotation works without a restart and a flood of forged kids cannot hammer the users service.
 */
export function remoteKeySet(jwksUrl: string): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000, timeoutDuration: 3_000 });
}

/** Verifies an access token (signature, algorithm, iss, aud, exp) and returns who it names. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  return async (token) => {
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
    return { userId: claims.data.sub, role: claims.data.role, tokenId: claims.data.jti };
  };
}

function toAuthError(error: unknown): AppError {
  if (error instanceof errors.JWTExpired) {
    return new AppError(
      ErrorCode.UNAUTHENTICATED,
      'The access token has expired. Get a new one with Mutation.refreshToken.',
      { reason: 'TOKEN_EXPIRED' },
    );
  }
  if (error instanceof errors.JWKSTimeout || (error instanceof Error && /fetch failed|ECONNREFUSED/.test(error.message))) {
    return new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'Sign-in keys cannot be loaded right now. Try again shortly.');
  }
  return new AppError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid.', { reason: 'TOKEN_INVALID' });
}
