import { or, sql } from 'drizzle-orm';
import type { Logger } from '@sbor/core';
import type { Executor } from '@sbor/db';
import { olderThan, pruneWhere, retentionPart, type PruneTask } from '@sbor/messaging';
import { emailTokens } from '../email-tokens.js';
import { refreshTokens, sessionFamilies } from '../sessions.js';

/** How long each kind of spent row is kept, and how often the pruner runs (`settings.retention`). */
export interface UsersRetention {
  intervalMs: number;
  refreshTokensMs: number;
  emailTokensMs: number;
}

/**
 * Refresh tokens that expired more than `keepMs` ago. An expired token is refused whether or not
 * its row is there; keeping it a while only keeps recent reuse visible in the data.
 */
export const pruneExpiredRefreshTokens = (db: Executor, keepMs: number, batchSize?: number) =>
  pruneWhere(db, refreshTokens, olderThan(refreshTokens.expiresAt, keepMs), batchSize);

/**
 * Session families with no refresh token left: nothing can refresh them any more. A family is
 * created with its first token in one transaction, so a live session is never without one.
 */
export const pruneEmptySessionFamilies = (db: Executor, batchSize?: number) =>
  pruneWhere(
    db,
    sessionFamilies,
    sql`not exists (select 1 from ${refreshTokens} where ${refreshTokens.familyId} = ${sessionFamilies.id})`,
    batchSize,
  );

/** Email links used or expired more than `keepMs` ago: either way they open nothing any more. */
export const pruneSpentEmailTokens = (db: Executor, keepMs: number, batchSize?: number) =>
  pruneWhere(db, emailTokens, or(olderThan(emailTokens.expiresAt, keepMs), olderThan(emailTokens.usedAt, keepMs))!, batchSize);

/** What the users service prunes, in order: families go once their last token is gone. */
export const usersRetentionTasks = (db: Executor, retention: UsersRetention): PruneTask[] => [
  { name: 'expired refresh tokens', prune: () => pruneExpiredRefreshTokens(db, retention.refreshTokensMs) },
  { name: 'sessions without tokens', prune: () => pruneEmptySessionFamilies(db) },
  { name: 'spent email links', prune: () => pruneSpentEmailTokens(db, retention.emailTokensMs) },
];

/** The users service's pruner as a kit part; its outbox is pruned by its relay. */
export const usersRetentionPart = (db: Executor, logger: Logger, retention: UsersRetention) =>
  retentionPart(usersRetentionTasks(db, retention), { intervalMs: retention.intervalMs, logger });
