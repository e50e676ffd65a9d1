export type Role = 'USER' | 'ORGANIZER';

/** What the client reads from its own access token: never trusted for anything but timing and UI. */
export interface TokenClaims {
  userId: string;
  role: Role;
  /** ms since the epoch */
  expiresAt: number;
}

/** Decodes a JWT's payload without verifying it (the router does that); undefined when it is not one. */
export function readClaims(token: string): TokenClaims | undefined {
  try {
    const part = token.split('.')[1];
    if (!part) return undefined;
    const json = atob(
      part
        .replace(/-/g, '+')
        .replace(/_/g, '/')
        .padEnd(Math.ceil(part.length / 4) * 4, '='),
    );
    const payload = JSON.parse(json) as { sub?: unknown; role?: unknown; exp?: unknown };
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined;
    return { userId: payload.sub, role: payload.role === 'ORGANIZER' ? 'ORGANIZER' : 'USER', expiresAt: payload.exp * 1000 };
  } catch {
    return undefined;
  }
}
