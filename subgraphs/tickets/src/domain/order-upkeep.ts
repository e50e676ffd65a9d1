import type { Logger } from '@sbor/core';
import { orderExpiredFact } from '../messaging/facts.js';
import type { Refunding } from './refunding.js';
import type { OrderRepository } from './repositories.js';

const BATCH = 100;

/**
 * What orders need without anyone asking: holds that ran out end (EXPIRED, stock back on sale,
 * `order.expired`), and refunds owed after an event's cancellation are sent. Every replica runs
 * it; each hold and each refund is taken by one of them (`FOR UPDATE SKIP LOCKED`).
 */
export class OrderUpkeep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly orders: OrderRepository,
    private readonly refunding: Refunding,
    private readonly options: { intervalMs: number; logger: Logger; onCommitted?: () => void },
  ) {}

  /** One pass now: every due hold, in batches, then the pending refunds. Returns how many holds ended. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let expired = 0;
    for (;;) {
      const ended = await this.orders.release({ dueBy: now, limit: BATCH }, 'EXPIRED', (orders) =>
        orders.map((o) => orderExpiredFact(o, now)),
      );
      expired += ended.length;
      if (ended.length < BATCH) break;
    }
    if (expired > 0) this.options.onCommitted?.();
    await this.refunding.settlePending();
    return expired;
  }

  start(): void {
    const tick = () => {
      this.running = this.runOnce()
        .then(
          () => undefined,
          (err: unknown) => this.options.logger.warn({ err }, 'order upkeep failed; retrying on the next pass'),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.options.intervalMs);
        });
    };
    this.timer = setTimeout(tick, this.options.intervalMs);
  }

  /** Stops the loop, waiting for a pass in progress to commit or roll back. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
