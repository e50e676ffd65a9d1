import { createHash, randomBytes } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS } from '@sbor/auth';
import { AppError, ErrorCode } from '@sbor/core';
import { toAccount, type Account } from './accounts.js';
import type { KeyRing } from './key-ring.js';
import { decideRefresh, type RefreshDecision } from './refresh-rules.js';
import type { SessionRepository, StoredRefreshToken } from './repositories.js';

export const REFRESH_TOKEN_TTL_DAYS = 30;
const PREFIX = 'sbr_rt_';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Account;
}

/** A refresh token about to be issued: the client gets `token`, storage only ever sees `stored`. */
export interface MintedRefreshToken {
  token: string;
  stored: StoredRefreshToken;
}

/** 256 random bits; the prefix lets secret scanners recognise a leaked token. */
export function newRefreshToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const sessionEnded = (message: string) => new AppError(ErrorCode.UNAUTHENTICATED, message, { reason: 'SESSION_ENDED' });

function refusal(decision: RefreshDecision): AppError {
  switch (decision.kind) {
    case 'REUSE':
      return sessionEnded('This refresh token was already used, so the session was ended to be safe. Sign in again.');
    case 'EXPIRED':
      return sessionEnded('The refresh token has expired. Sign in again.');
    case 'SESSION_ENDED':
      return sessionEnded('This session has ended. Sign in again.');
    default:
      return new AppError(ErrorCode.UNAUTHENTICATED, 'The refresh token is not valid. Sign in again.', { reason: 'TOKEN_INVALID' });
  }
}

/** Session families of rotating refresh tokens, and the access tokens issued with them. */
export class Sessions {
  constructor(
    private readonly repository: SessionRepository,
    private readonly keys: Pick<KeyRing, 'sign'>,
  ) {}

  /** A new refresh token, not stored yet: the caller stores it with whatever else must commit with it. */
  mint(): MintedRefreshToken {
    const token = newRefreshToken();
    const expiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    return { token, stored: { tokenHash: hashRefreshToken(token), expiresAt } };
  }

  /** The session for a stored refresh token: an access token carrying the account's role as it is now. */
  async issue(account: Account, refresh: MintedRefreshToken): Promise<Session> {
    const accessToken = await this.keys.sign({ userId: account.id, role: account.role });
    return { accessToken, refreshToken: refresh.token, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: { ...account, isSessionOwner: true } };
  }

  /** Signs `account` in with a new session family. */
  async start(account: Account): Promise<Session> {
    const refresh = this.mint();
    await this.repository.start(account.id, refresh.stored);
    return this.issue(account, refresh);
  }

  /** Rotates a refresh token: the old one is used up, the new pair carries the user's current role. */
  async refresh(token: string): Promise<Session> {
    const next = this.mint();
    const rotation = await this.repository.rotate(hashRefreshToken(token), next.stored);
    if (rotation.rotated) return this.issue(toAccount(rotation.user), next);
    const { presented } = rotation;
    const decision = decideRefresh(presented, new Date());
    // Rows only ever move forward (unused → used, live → revoked), so deciding after the failed
    // claim sees what made it fail; revoking is idempotent, so a racing reuse revokes once.
    if (decision.kind === 'REUSE' && presented) await this.repository.revokeFamily(presented.familyId, 'refresh token reused');
    throw refusal(decision);
  }

  /** Ends the session a refresh token belongs to; silent about tokens it does not know. */
  async end(token: string): Promise<void> {
    const presented = await this.repository.presented(hashRefreshToken(token));
    if (presented) await this.repository.revokeFamily(presented.familyId, 'logout');
  }
}
