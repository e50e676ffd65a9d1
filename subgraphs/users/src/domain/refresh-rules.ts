/** What a presented refresh token's row says; null fields mean "not set". */
export interface RefreshTokenState {
  usedAt: Date | null;
  expiresAt: Date;
  familyRevokedAt: Date | null;
}

export type RefreshDecision =
  | { kind: 'ROTATE' }
  | { kind: 'UNKNOWN' }
  | { kind: 'EXPIRED' }
  | { kind: 'SESSION_ENDED' }
  /** An already rotated token came back: someone holds a copy, so the whole family dies. */
  | { kind: 'REUSE' };

/**
 * Decides what a refresh request gets. Reuse detection follows RFC 9700 §4.14.2: a rotated token
 * presented again revokes its family. Two concurrent uses of one token are decided the same way on
 * purpose: the first rotates, the second is reuse and ends the session — a client must not refresh
 * in parallel, and we would rather sign a person out than let a stolen copy race the owner.
 */
export function decideRefresh(state: RefreshTokenState | undefined, now: Date): RefreshDecision {
  if (!state) return { kind: 'UNKNOWN' };
  if (state.familyRevokedAt) return { kind: 'SESSION_ENDED' };
  if (state.usedAt) return { kind: 'REUSE' };
  if (state.expiresAt.getTime() <= now.getTime()) return { kind: 'EXPIRED' };
  return { kind: 'ROTATE' };
}
