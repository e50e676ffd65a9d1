import { createHash, randomBytes } from 'node:crypto';
import { ACCESS_TOKEN_TTL_SECONDS } from '@sbor/auth';
import { AppError, ErrorCode } from '@sbor/core';
import type { Db, Executor } from '@sbor/db';
import {
  claimRefreshToken,
  createFamily,
  findRefreshTokenState,
  insertRefreshToken,
  revokeFamily,
} from '../db/queries/sessions.js';
import { findUserById } from '../db/queries/users.js';
import type { Account } from './accounts.js';
import { toAccount } from './accounts.js';
import type { KeyRing } from './key-ring.js';
import { decideRefresh } from './refresh-rules.js';

export const REFRESH_TOKEN_TTL_DAYS = 30;
const PREFIX = 'sbr_rt_';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Account;
}

/** 256 random bits; the prefix lets secret scanners recognise a leaked token. */
export function newRefreshToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const sessionEnded = (message: string) => new AppError(ErrorCode.UNAUTHENTICATED, message, { reason: 'SESSION_ENDED' });

export class Sessions {
  constructor(
    private readonly db: Db,
    private readonly keys: KeyRing,
  ) {}

  /** Starts a new session family for `account` inside the caller's transaction. */
  async start(tx: Executor, account: Account): Promise<Session> {
    const familyId = await createFamily(tx, account.id);
    return this.issue(tx, familyId, account);
  }

  /** Rotates a refresh token: the old one is used up, the new pair carries the user's current role. */
  async refresh(token: string): Promise<Session> {
    const hash = hashRefreshToken(token);
    const outcome = await this.db.transaction(async (tx) => {
      const claimed = await claimRefreshToken(tx, hash);
      if (claimed) {
        const user = await findUserById(tx, claimed.userId);
        if (!user) return { kind: 'UNKNOWN' as const };
        return { kind: 'ROTATED' as const, session: await this.issue(tx, claimed.familyId, toAccount(user)) };
      }
      const state = await findRefreshTokenState(tx, hash);
      const decision = decideRefresh(state, new Date());
      // The revocation must commit, so the error is thrown after the transaction, not inside it.
      if (decision.kind === 'REUSE' && state) await revokeFamily(tx, state.familyId, 'refresh token reused');
      return decision;
    });
    switch (outcome.kind) {
      case 'ROTATED':
        return outcome.session;
      case 'REUSE':
        throw sessionEnded('This refresh token was already used, so the session was ended to be safe. Sign in again.');
      case 'EXPIRED':
        throw sessionEnded('The refresh token has expired. Sign in again.');
      case 'SESSION_ENDED':
        throw sessionEnded('This session has ended. Sign in again.');
      default:
        throw new AppError(ErrorCode.UNAUTHENTICATED, 'The refresh token is not valid. Sign in again.', { reason: 'TOKEN_INVALID' });
    }
  }

  /** Ends the session a refresh token belongs to; silent about tokens it does not know. */
  async end(token: string): Promise<void> {
    const state = await findRefreshTokenState(this.db, hashRefreshToken(token));
    if (state) await revokeFamily(this.db, state.familyId, 'logout');
  }

  private async issue(tx: Executor, familyId: string, account: Account): Promise<Session> {
    const refreshToken = newRefreshToken();
    const expiresAt = new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000);
    await insertRefreshToken(tx, familyId, hashRefreshToken(refreshToken), expiresAt);
    const accessToken = await this.keys.sign({ userId: account.id, role: account.role });
    return { accessToken, refreshToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, user: { ...account, isSessionOwner: true } };
  }
}
