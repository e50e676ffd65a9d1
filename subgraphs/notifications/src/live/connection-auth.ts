import { AppError, ErrorCode, Headers, secretsEqual, type Viewer } from '@sbor/core';

/** graphql-ws close codes this endpoint uses (4401 and 4403 are the protocol's own). */
export const CloseCodes = { unauthorized: 4401, forbidden: 4403, unavailable: 4503 } as const;

/**
 * The `connection_init` payload the router sends: the shared secret (this endpoint answers the
 * router only, like the HTTP one) and the subscriber's access token.
 */
export interface ConnectionParams {
  [Headers.routerSecret]?: unknown;
  [Headers.authorization]?: unknown;
}

export type ConnectionAuth =
  | { ok: true; viewer: Viewer; expiresAt: number | undefined }
  | { ok: false; code: (typeof CloseCodes)[keyof typeof CloseCodes]; reason: string };

/** The token's `exp` in ms since the epoch; read only after the token has been verified. */
export function tokenExpiry(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export async function authenticateConnection(
  params: Readonly<Record<string, unknown>> | undefined,
  routerSecret: string,
  verify: (token: string) => Promise<Viewer>,
): Promise<ConnectionAuth> {
  if (!secretsEqual(params?.[Headers.routerSecret], routerSecret)) {
    return { ok: false, code: CloseCodes.forbidden, reason: 'Forbidden: this service only answers the Sbor router' };
  }
  const header = params?.[Headers.authorization];
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  if (!match) return { ok: false, code: CloseCodes.unauthorized, reason: 'Unauthorized: send "authorization": "Bearer <token>"' };
  const token = match[1]!;
  try {
    const viewer = await verify(token);
    return { ok: true, viewer, expiresAt: tokenExpiry(token) };
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.SERVICE_UNAVAILABLE) {
      return { ok: false, code: CloseCodes.unavailable, reason: 'Sign-in keys are unavailable; try again shortly' };
    }
    const expired = error instanceof AppError && error.extensions.reason === 'TOKEN_EXPIRED';
    return { ok: false, code: CloseCodes.unauthorized, reason: expired ? 'Unauthorized: token expired' : 'Unauthorized: invalid token' };
  }
}
