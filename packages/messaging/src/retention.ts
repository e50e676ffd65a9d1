/**
 * Retention: rows that only ever grow (sent outbox rows, inbox ids, expired tokens, old read
 * notifications) are deleted on a schedule, a bounded batch per statement, so no delete holds
 * many row locks or, in embedded mode, the one PGlite connection for long.
 */
import { and, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { createLogger, durationMs, sharedVariables, type Logger } from '@sbor/core';
import { rowsOf, type Executor } from '@sbor/db';
import type { InboxTable } from './inbox.js';
import type { OutboxTable } from './outbox.js';

/** Rows deleted per statement. */
export const PRUNE_BATCH = 1000;

const { RETENTION_INTERVAL_MINUTES, RETENTION_OUTBOX_SENT_HOURS, RETENTION_INBOX_DAYS } = z
  .object({
    RETENTION_INTERVAL_MINUTES: sharedVariables.RETENTION_INTERVAL_MINUTES,
    RETENTION_OUTBOX_SENT_HOURS: sharedVariables.RETENTION_OUTBOX_SENT_HOURS,
    RETENTION_INBOX_DAYS: sharedVariables.RETENTION_INBOX_DAYS,
  })
  .parse({});
/**
 * What a pruner built without settings (tests, tools) keeps: the shared variables' defaults, so a
 * period is stated once (a week of sent facts to look back on; inbox ids far beyond any redelivery).
 */
export const RETENTION_DEFAULTS = {
  outboxSentMs: durationMs.hours(RETENTION_OUTBOX_SENT_HOURS),
  inboxMs: durationMs.days(RETENTION_INBOX_DAYS),
  intervalMs: durationMs.minutes(RETENTION_INTERVAL_MINUTES),
} as const;

const olderThan = (column: PgColumn, ms: number) => lt(column, sql`now() - ${Math.max(0, Math.floor(ms))} * interval '1 millisecond'`);

/**
 * Deletes the rows of `table` matching `where`, `batchSize` at a time until none is left; returns
 * how many.
 */
export async function pruneWhere(db: Executor, table: PgTable, where: SQL, batchSize = PRUNE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    // ctid picks a batch without needing the table's key; each batch commits on its own.
    const result = await db.execute(sql`
      with doomed as (select ctid from ${table} where ${where} limit ${batchSize})
      delete from ${table} where ctid in (select ctid from doomed) returning 1 as one`);
    const deleted = rowsOf(result).length;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/** Outbox rows published more than `keepMs` ago; unsent rows are never touched. */
export const pruneSentOutbox = (db: Executor, table: OutboxTable, keepMs: number, batchSize?: number) =>
  pruneWhere(db, table, and(isNotNull(table.sentAt), olderThan(table.sentAt, keepMs))!, batchSize);

/**
 * Inbox ids recorded more than `keepMs` ago. The window must outlast any redelivery (Kafka
 * retention, a consumer group reset to the earliest offset): a message redelivered after its id
 * is gone would be applied again.
 */
export const pruneInbox = (db: Executor, table: InboxTable, keepMs: number, batchSize?: number) =>
  pruneWhere(db, table, olderThan(table.processedAt, keepMs), batchSize);

export interface PruneTask {
  /** What is pruned, for the log: `outbox`, `refresh tokens`, … */
  name: string;
  prune(): Promise<number>;
}

export interface Pruner {
  /** Runs every task once now (tests, and the first run after start). */
  runOnce(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * Runs `tasks` every `intervalMs`, the first time one interval after start (not in the way of a
 * starting service). A failed task is logged and tried at the next run; the timer does not keep
 * the process alive.
 */
export function startPruner(tasks: readonly PruneTask[], options: { intervalMs?: number; logger?: Logger } = {}): Pruner {
  const logger = options.logger ?? createLogger('retention');
  const intervalMs = options.intervalMs ?? RETENTION_DEFAULTS.intervalMs;
  let running: Promise<Record<string, number>> | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const runOnce = () => {
    running ??= (async () => {
      const deleted: Record<string, number> = {};
      for (const task of tasks) {
        if (stopped) break;
        deleted[task.name] = await task.prune().catch((err: unknown) => {
          logger.warn({ err, task: task.name }, 'pruning failed; will try again');
          return 0;
        });
        if (deleted[task.name]) logger.info({ task: task.name, deleted: deleted[task.name] }, 'pruned');
      }
      return deleted;
    })().finally(() => (running = undefined));
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void runOnce().finally(schedule), intervalMs);
    timer.unref();
  };
  schedule();
  return {
    runOnce,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * A service's pruner as a kit part (`{ name, start }`): it starts with the service and stops
 * before the database closes.
 */
export const retentionPart = (tasks: readonly PruneTask[], options: { intervalMs?: number; logger?: Logger } = {}) => ({
  name: `retention (${tasks.map((t) => t.name).join(', ')})`,
  start: () => {
    const pruner = startPruner(tasks, options);
    return () => pruner.stop();
  },
});

export { olderThan };
