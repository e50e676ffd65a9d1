import { AppError, ErrorCode, HeaderNames, secretsEqual, type Viewer } from '@sbor/core';
import type { TokenVerifier } from './verify.js';

const BEARER = /^Bearer\s+(\S+)$/i;

/** The token of an `Authorization: Bearer <token>` value; undefined for anything else. */
export function bearerToken(value: unknown): string | undefined {
  return typeof value === 'string' ? BEARER.exec(value)?.[1] : undefined;
}

/**
 * graphql-ws close codes clients can act on. 4401 and 4403 are the protocol's own; graphql-ws
 * itself also uses 4408 (no `connection_init` in time), and `ws` closes with 1009 when a frame is
 * over the size limit. `unavailable`, `tooManySockets` and `slowConsumer` are Sbor's (README,
 * "Live notifications").
 */
export const CloseCodes = {
  /** No token, or one that is invalid or expired: refresh the session, then connect again. */
  unauthorized: 4401,
  /** A subgraph's socket without the router secret. */
  forbidden: 4403,
  /**
   * The token could not be checked at all (the signing keys are unreachable): not the client's
   * fault, so it keeps its session and reconnects later, with backoff.
   */
  unavailable: 4503,
  /** Over the open sockets allowed per user or per client address. */
  tooManySockets: 4029,
  /** The client did not read what was sent to it, and its queue passed the limit. */
  slowConsumer: 4008,
} as const;
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

/**
 * Who a socket speaks for, and until when: the socket closes with 4401 at `expiresAt`. A
 * multiplexed socket is the router's own connection to a subgraph: it speaks for nobody itself,
 * and each subscription on it names its subscriber (`authenticateSubscription`).
 */
export type SocketAuth =
  | { ok: true; multiplexed: false; viewer: Viewer; token: string; expiresAt: number | undefined }
  | { ok: true; multiplexed: true }
  | { ok: false; code: CloseCode; reason: string };

/** The `connection_init` flag of the router's one upstream connection per subgraph. */
export const MULTIPLEXED_PARAM = 'multiplexed';

/**
 * Authenticates a graphql-ws `connection_init` payload: optionally the router's shared secret (a
 * subgraph answers the router only), then the subscriber's bearer token. With the secret checked,
 * `multiplexed: true` and no token make the router's multiplexed socket; a token still makes a
 * socket of that one user, as before.
 */
export async function authenticateSocket(
  params: Readonly<Record<string, unknown>> | undefined,
  verify: TokenVerifier,
  routerSecret?: string,
): Promise<SocketAuth> {
  if (routerSecret !== undefined && !secretsEqual(params?.[HeaderNames.routerSecret], routerSecret)) {
    return { ok: false, code: CloseCodes.forbidden, reason: 'Forbidden: this service only answers the Sbor router' };
  }
  const header = params?.[HeaderNames.authorization] ?? params?.Authorization;
  if (routerSecret !== undefined && header === undefined && params?.[MULTIPLEXED_PARAM] === true) {
    return { ok: true, multiplexed: true };
  }
  const token = bearerToken(header);
  if (!token) return { ok: false, code: CloseCodes.unauthorized, reason: 'Unauthorized: send "authorization": "Bearer <token>"' };
  const verified = await verifyBearer(token, verify);
  if (!verified.ok) {
    const reason =
      verified.error.code === ErrorCode.SERVICE_UNAVAILABLE
        ? 'Sign-in keys are unavailable; try again shortly'
        : verified.error.extensions.reason === 'TOKEN_EXPIRED'
          ? 'Unauthorized: token expired'
          : 'Unauthorized: invalid token';
    const code = verified.error.code === ErrorCode.SERVICE_UNAVAILABLE ? CloseCodes.unavailable : CloseCodes.unauthorized;
    return { ok: false, code, reason };
  }
  return { ok: true, multiplexed: false, viewer: verified.viewer, token, expiresAt: tokenExpiry(token) };
}

/** Who one subscription on a multiplexed socket speaks for, or the error that refuses it alone. */
export type SubscriptionAuth = { ok: true; viewer: Viewer; expiresAt: number | undefined } | { ok: false; error: AppError };

/**
 * Authenticates one subscription on the router's multiplexed socket by the subscriber's token in
 * the subscribe message's `extensions.authorization`, with the same verifier as a socket's token.
 * A missing or bad token refuses that subscription only (UNAUTHENTICATED); the socket stays up.
 */
export async function authenticateSubscription(
  extensions: Readonly<Record<string, unknown>> | undefined,
  verify: TokenVerifier,
): Promise<SubscriptionAuth> {
  const token = bearerToken(extensions?.[HeaderNames.authorization]);
  if (!token) {
    return {
      ok: false,
      error: new AppError(ErrorCode.UNAUTHENTICATED, 'This subscription carries no "Bearer <token>" of its subscriber.'),
    };
  }
  const verified = await verifyBearer(token, verify);
  return verified.ok ? { ok: true, viewer: verified.viewer, expiresAt: tokenExpiry(token) } : verified;
}

async function verifyBearer(token: string, verify: TokenVerifier): Promise<{ ok: true; viewer: Viewer } | { ok: false; error: AppError }> {
  try {
    return { ok: true, viewer: await verify(token) };
  } catch (error) {
    // The verifier maps every failure to an AppError; anything else is refused all the same.
    return {
      ok: false,
      error: error instanceof AppError ? error : new AppError(ErrorCode.UNAUTHENTICATED, 'The access token is not valid.'),
    };
  }
}
