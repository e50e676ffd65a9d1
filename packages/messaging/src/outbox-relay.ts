/**
 * The loop that moves outbox rows to the bus. Every replica of a service may run one: row locks
 * (`SKIP LOCKED`) keep them from publishing the same row at the same time.
 */
import { createLogger, type Logger } from '@sbor/core';
import type { Db } from '@sbor/db';
import type { Bus } from './bus.js';
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
  /** Batches of this relay run one after another: the loop and `drain()` share this chain. */
  private queue: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | undefined;
  private running = false;
  private wakeUp: (() => void) | undefined;
  private woken = false;

  constructor(options: OutboxRelayOptions) {
    this.db = options.db;
    this.table = options.table;
    this.bus = options.bus;
    this.logger = options.logger ?? createLogger('outbox-relay');
    this.batchSize = options.batchSize ?? 100;
    this.intervalMs = options.intervalMs ?? 1000;
    this.backoff = options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.poll();
  }

  /** Relay now instead of at the next tick: call it after committing a transaction that enqueued. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Stops polling; resolves once the batch in flight (if any) is published and marked, or failed. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await this.queue;
  }

  /**
   * Relays batch after batch until nothing is due, or a publish fails (its rows stay for later).
   * For tests and shutdown; the running loop does the same on each tick.
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
    const next = this.queue.then(() => relayBatch(this.db, this.table, this.bus, { batchSize: this.batchSize, backoff: this.backoff }));
    // Keep the chain alive whatever this batch does; the caller still sees its own result.
    this.queue = next.catch(() => {});
    return next;
  }

  private async poll(): Promise<void> {
    while (this.running) {
      this.woken = false;
      try {
        const result = await this.drain();
        if (result.failed > 0) {
          this.logger.warn({ err: result.error, failed: result.failed }, 'outbox publish failed; will retry');
        }
      } catch (err) {
        // A database error: nothing was marked sent, so the rows are simply tried again.
        this.logger.error({ err }, 'outbox relay batch failed');
      }
      if (this.running && !this.woken) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), this.intervalMs);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}
