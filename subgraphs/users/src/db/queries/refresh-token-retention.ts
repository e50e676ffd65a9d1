import type { Logger } from '@sbor/core';
import type { Executor } from '@sbor/db';
import { olderThan, pruneWhere, retentionPart } from '@sbor/messaging';
import { refreshTokens } from '../sessions.js';

/**
 * Expired refresh tokens are kept this long past expiry, then deleted. An expired token is refused
 * whether or not its row is there; the grace only keeps recent reuse visible in the data.
 */
export const EXPIRED_REFRESH_TOKEN_GRACE_MS = 7 * 24 * 3_600_000;

/** Refresh tokens that expired more than `graceMs` ago. */
export const pruneExpiredRefreshTokens = (db: Executor, graceMs: number, batchSize?: number) =>
  pruneWhere(db, refreshTokens, olderThan(refreshTokens.expiresAt, graceMs), batchSize);

/** The users service's pruner for expired refresh tokens. */
export const refreshTokenRetentionPart = (db: Executor, logger: Logger, options: { graceMs?: number; intervalMs?: number } = {}) =>
  retentionPart(
    [{ name: 'expired refresh tokens', prune: () => pruneExpiredRefreshTokens(db, options.graceMs ?? EXPIRED_REFRESH_TOKEN_GRACE_MS) }],
    {
      intervalMs: options.intervalMs,
      logger,
    },
  );
