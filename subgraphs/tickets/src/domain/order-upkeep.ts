import type { Logger } from '@sbor/core';
import { orderExpiredFact } from '../messaging/facts.js';
import { offerTerms } from './offers.js';
import type { Refunding } from './refunding.js';
import type { OfferTerms, OrderRepository, WaitingListRepository } from './repositories.js';

const BATCH = 100;

/**
 * What orders need without anyone asking: holds that ran out end (EXPIRED, stock back on sale,
 * `order.expired`, and the stock offered to the waiting list in the same transaction), stock on
 * sale that a waiting entry fits but nobody offered is offered, and refunds owed after an event's
 * cancellation are sent. Every replica runs it; each hold, each type's offers and each refund is
 * taken by one of them (`FOR UPDATE SKIP LOCKED`).
 */
export class OrderUpkeep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly offers: OfferTerms;

  constructor(
    private readonly orders: OrderRepository,
    private readonly refunding: Refunding,
    private readonly options: {
      intervalMs: number;
      logger: Logger;
      onCommitted?: () => void;
      /** Where waiting lists are kept; without it, only the offers made when holds end are made. */
      waitingList?: WaitingListRepository;
      offers?: OfferTerms;
    },
  ) {
    this.offers =
      options.offers ??
      offerTerms(undefined, (err) => options.logger.warn({ err }, 'waiting-list offer failed; retrying on the next pass'));
  }

  /** One pass now: every due hold, in batches, then stock waiting entries fit, then the pending refunds. Returns how many holds ended. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let expired = 0;
    for (;;) {
      const ended = await this.orders.release(
        { dueBy: now, limit: BATCH },
        'EXPIRED',
        (orders) => orders.map((o) => orderExpiredFact(o, now)),
        this.offers,
      );
      expired += ended.length;
      if (ended.length < BATCH) break;
    }
    const offered = (await this.options.waitingList?.offerWaiting(this.offers, BATCH))?.length ?? 0;
    if (expired + offered > 0) this.options.onCommitted?.();
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
