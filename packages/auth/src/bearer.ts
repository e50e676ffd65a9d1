import { AppError, ErrorCode, HeaderNames, secretsEqual, type Viewer } from '@sbor/core';
import type { TokenVerifier } from './verify.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The token of an `Authorization: Bearer <token>` value; undefined for anything else. */
export function bearerToken(value: unknown): string | undefined {
  return typeof value === 'string' ? BEARER.exec(value)?.[1] : undefined;
}

/** graphql-ws close codes clients can act on (4401 and 4403 are the protocol's own). */
export const CloseCodes = { unauthorized: 4401, forbidden: 4403, unavailable: 4503 } as const;
export type CloseCode = (typeof CloseCodes)[keyof typeof CloseCodes];

/** A token's `exp` in ms since the epoch. Read only after the token was verified. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Who a socket speaks for, and until when: the socket closes with 4401 at `expiresAt`. */
export type SocketAuth =
  { ok: true; viewer: Viewer; token: string; expiresAt: number | undefined } | { ok: false; code: CloseCode; reason: string };

/**
 * Authenticates a graphql-ws `connection_init` payload: optionally the router's shared secret (a
 * subgraph answers the router only), then the subscriber's bearer token.
 */
export async function authenticateSocket(
  params: Readonly<Record<string, unknown>> | undefined,
  verify: TokenVerifier,
  routerSecret?: string,
): Promise<SocketAuth> {
  if (routerSecret !== undefined && !secretsEqual(params?.[HeaderNames.routerSecret], routerSecret)) {
    return { ok: false, code: CloseCodes.forbidden, reason: 'Forbidden: this service only answers the Sbor router' };
  }
  const token = bearerToken(params?.[HeaderNames.authorization] ?? params?.Authorization);
  if (!token) return { ok: false, code: CloseCodes.unauthorized, reason: 'Unauthorized: send "authorization": "Bearer <token>"' };
  try {
    const viewer = await verify(token);
    return { ok: true, viewer, token, expiresAt: tokenExpiry(token) };
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.SERVICE_UNAVAILABLE) {
      return { ok: false, code: CloseCodes.unavailable, reason: 'Sign-in keys are unavailable; try again shortly' };
    }
    const expired = error instanceof AppError && error.extensions.reason === 'TOKEN_EXPIRED';
    return { ok: false, code: CloseCodes.unauthorized, reason: expired ? 'Unauthorized: token expired' : 'Unauthorized: invalid token' };
  }
}

/** setTimeout's ceiling; access tokens live 15 minutes, so this only guards odd configurations. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Closes `socket` with 4401 when the token expires; returns the timer so closing the socket can clear it. */
export function closeAtExpiry(
  socket: { close(code: number, reason: string): void },
  expiresAt: number | undefined,
): NodeJS.Timeout | undefined {
  if (expiresAt === undefined) return undefined;
  const delay = Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS);
  const timer = setTimeout(() => socket.close(CloseCodes.unauthorized, 'Unauthorized: token expired'), delay);
  timer.unref();
  return timer;
}
