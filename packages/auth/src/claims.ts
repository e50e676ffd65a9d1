import { z } from 'zod';
import { Roles } from '@sbor/core';

/** Defaults shared by the issuer (users) and every verifier; overridable with JWT_ISSUER / JWT_AUDIENCE. */
export const DEFAULT_ISSUER = 'sbor-users';
export const DEFAULT_AUDIENCE = 'sbor-api';
/** The only algorithm any Sbor verifier accepts: pinned so `alg: none` or an HMAC swap never passes. */
export const ACCESS_TOKEN_ALG = 'EdDSA';
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export const accessTokenClaims = z.object({
  sub: z.string().uuid(),
  role: z.enum(Roles),
  jti: z.string().min(1),
  exp: z.number(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;
