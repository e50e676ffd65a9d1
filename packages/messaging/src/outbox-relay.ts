/**
 * The loop that moves outbox rows to the bus. Every replica of a service may run one, and each
 * runs up to `lanes` batches at once: row locks (`SKIP LOCKED`) and leases keep them from
 * publishing the same row twice, and a row waits while an older row of its key is leased.
 */
import { createLogger, outsideTrace, type Logger } from '@sbor/core';
import type { Db } from '@sbor/db';
import type { Bus } from './bus.js';
import type { PipelineMetrics } from './metrics.js';
import { pruneSentOutbox, RETENTION_DEFAULTS, startPruner, type Pruner } from './retention.js';
import { outboxBacklog, relayBatch, type BatchResult, type OutboxBacklog, type OutboxTable, type RelayBackoff } from './outbox.js';

export interface OutboxRelayOptions {
  db: Db;
  table: OutboxTable;
  bus: Bus;
  logger?: Logger;
  /** Rows per publish. Default 100. */
  batchSize?: number;
  /** Poll interval; `wake()` makes commits visible sooner. Default 1000 ms. */
  intervalMs?: number;
  /** Delay before a row whose publish failed is tried again. Default 1 s doubling to 60 s. */
  backoff?: RelayBackoff;
  /**
   * Batches in flight at once (claimed, not yet marked). Default 2: a commit that lands while one
   * batch waits for the broker's ack is claimed at once instead of after it. Per-key order holds
   * whatever the number: a row is not claimed while an older row of its key is leased.
   */
  lanes?: number;
  /** Times each claim and publish (`pipelineMetrics`). */
  metrics?: PipelineMetrics;
  /**
   * How long sent rows are kept, and how often they are pruned (defaults: 7 days, hourly); the
   * relay prunes while it runs. `false` keeps them forever.
   */
  retention?: { sentMs?: number; intervalMs?: number } | false;
}

export interface DrainResult {
  sent: number;
  /** Rows whose publish failed in this drain; they stay unsent, due again after the backoff. */
  failed: number;
  error?: unknown;
}

export class OutboxRelay {
  private readonly db: Db;
  private readonly table: OutboxTable;
  private readonly bus: Bus;
  private readonly logger: Logger;
  private readonly batchSize: number;
  private readonly intervalMs: number;
  private readonly backoff: RelayBackoff;
  private readonly lanes: number;
  private readonly metrics: PipelineMetrics | undefined;
  private readonly retention: OutboxRelayOptions['retention'];
  private pruner: Pruner | undefined;
  private running = false;
  /** Something may be due that no batch started since has looked for: a wake, a tick, a full batch. */
  private due = false;
  /** Counts wakes and ticks, so a batch can tell whether one came while it was in flight. */
  private calls = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  /** When the first `wake()` since the last claim came: how long commits wait for the relay. */
  private wokenAt: number | undefined;

  constructor(options: OutboxRelayOptions) {
    this.db = options.db;
    this.table = options.table;
    this.bus = options.bus;
    this.logger = options.logger ?? createLogger('outbox-relay');
    this.batchSize = options.batchSize ?? 100;
    this.intervalMs = options.intervalMs ?? 1000;
    this.backoff = options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
    this.lanes = Math.max(1, options.lanes ?? 2);
    this.metrics = options.metrics;
    this.retention = options.retention;
  }

  /** Starts relaying in the background: a batch now, then on every `wake()` and every tick. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
    if (this.retention !== false) {
      const { sentMs = RETENTION_DEFAULTS.outboxSentMs, intervalMs = RETENTION_DEFAULTS.intervalMs } = this.retention ?? {};
      this.pruner = startPruner([{ name: 'sent outbox rows', prune: () => pruneSentOutbox(this.db, this.table, sentMs) }], {
        intervalMs,
        logger: this.logger,
      });
    }
  }

  /** Deletes sent rows past the retention now (tests); the running relay does it on its schedule. */
  pruneSent(sentMs: number = (this.retention || {}).sentMs ?? RETENTION_DEFAULTS.outboxSentMs): Promise<number> {
    return pruneSentOutbox(this.db, this.table, sentMs);
  }

  /** Relay now instead of at the next tick: call it after committing a transaction that enqueued. */
  wake(): void {
    this.wokenAt ??= performance.now();
    this.calls++;
    this.due = true;
    this.pump();
  }

  /** Stops relaying; resolves once the batches in flight are published and marked, or failed. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pruner?.stop();
    this.pruner = undefined;
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  /**
   * Relays batch after batch until nothing is due, or a publish fails (its rows stay for later).
   * For tests and shutdown; the running relay does the same on its own.
   */
  async drain(): Promise<DrainResult> {
    const total: DrainResult = { sent: 0, failed: 0 };
    for (;;) {
      const result = await this.oneBatch();
      total.sent += result.sent;
      if (result.failed > 0) return { ...total, failed: result.failed, error: result.error };
      if (result.sent < this.batchSize) return total;
    }
  }

  backlog(): Promise<OutboxBacklog> {
    return outboxBacklog(this.db, this.table);
  }

  private oneBatch(): Promise<BatchResult> {
    if (this.wokenAt !== undefined) this.metrics?.relayWoken((performance.now() - this.wokenAt) / 1000);
    this.wokenAt = undefined;
    return relayBatch(this.db, this.table, this.bus, { batchSize: this.batchSize, backoff: this.backoff, metrics: this.metrics });
  }

  private tick(): void {
    if (!this.running) return;
    this.calls++;
    this.due = true;
    this.pump();
    this.timer = setTimeout(() => this.tick(), this.intervalMs);
  }

  /**
   * Starts a batch for what is due, while fewer than `lanes` are in flight. A batch started after
   * a commit's `wake()` claims that commit's rows, so none waits longer than a lane takes to free.
   * A row held back because an older row of its key was in flight is claimed once that batch is
   * done: a wake during a batch makes its end look again.
   */
  private pump(): void {
    while (this.running && this.due && this.inFlight.size < this.lanes) {
      this.due = false;
      const callsAtStart = this.calls;
      // A wake comes from the request that committed: its trace is not this batch's (each row
      // carries its own, see `relayBatch`).
      const batch: Promise<void> = outsideTrace(() => this.oneBatch())
        .then((result) => {
          if (result.failed > 0) this.logger.warn({ err: result.error, failed: result.failed }, 'outbox publish failed; will retry');
          // A full batch (more may be waiting), or commits while it was in flight.
          else if (result.sent === this.batchSize || this.calls !== callsAtStart) this.due = true;
        })
        // A database error: nothing was marked sent, so the rows are simply tried again.
        .catch((err: unknown) => this.logger.error({ err }, 'outbox relay batch failed'))
        .finally(() => {
          this.inFlight.delete(batch);
          this.pump();
        });
      this.inFlight.add(batch);
    }
  }
}
