/**
 * Reminders: `event.reminder` 24 h and 1 h before an event starts, exactly once per event and
 * offset however many replicas run and however often they restart.
 *
 * - Publishing writes one `reminders` row per offset that is still ahead (unique per event and
 *   offset). An offset whose moment has already passed gets no row: an event published 5 hours
 *   before it starts gets only the 1 h reminder, one published 30 minutes before gets none. A late
 *   "starts in 24 hours" would be wrong, and at publish time nobody holds a ticket to remind yet.
 * - The claimer, in ONE transaction, locks due unhandled rows (`FOR UPDATE SKIP LOCKED`), writes
 *   each reminder's fact to the outbox and marks the row sent. A replica that dies before the
 *   commit leaves the rows unclaimed for the next run; after it, the outbox relay publishes.
 * - A row that became stale while no scheduler ran (the event started, or a closer offset is due
 *   too) is marked skipped instead of sent. Cancelling an event deletes its pending rows.
 */
import type { Logger } from '@sbor/core';
import type { PlannedReminder, ReminderOffset, ReminderRepository, ReminderRun } from './repositories.js';

const HOUR_MS = 60 * 60 * 1000;

export const REMINDER_OFFSETS: readonly { offset: ReminderOffset; beforeMs: number }[] = [
  { offset: '24h', beforeMs: 24 * HOUR_MS },
  { offset: '1h', beforeMs: HOUR_MS },
];

/** The reminders an event starting at `startsAt`, published at `now`, should still get. */
export function planReminders(startsAt: Date, now: Date): PlannedReminder[] {
  return REMINDER_OFFSETS.map(({ offset, beforeMs }) => ({ offset, dueAt: new Date(startsAt.getTime() - beforeMs) })).filter(
    (r) => r.dueAt.getTime() > now.getTime(),
  );
}

export interface ReminderSchedulerOptions {
  logger: Logger;
  /** How often to look for due reminders. */
  intervalMs: number;
  /** Rows claimed per transaction. */
  batchSize?: number;
  /** Called after a run wrote facts, so the outbox relay publishes them now rather than at its next tick. */
  onFactsWritten?: () => void;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly batchSize: number;

  constructor(
    private readonly reminders: ReminderRepository,
    private readonly options: ReminderSchedulerOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.runOnce()
        .catch((err: unknown) => this.options.logger.error({ err }, 'reminder run failed; will retry next tick'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops the loop; resolves once a run in progress has committed or rolled back. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Handles every reminder due now, batch by batch. Safe to run concurrently with other replicas. */
  async runOnce(): Promise<ReminderRun> {
    const total: ReminderRun = { sent: 0, skipped: 0 };
    for (;;) {
      const batch = await this.reminders.handleDue(this.batchSize);
      total.sent += batch.sent;
      total.skipped += batch.skipped;
      if (batch.sent + batch.skipped < this.batchSize) break;
    }
    if (total.sent > 0) this.options.onFactsWritten?.();
    if (total.sent + total.skipped > 0) this.options.logger.info(total, 'reminders handled');
    return total;
  }
}
