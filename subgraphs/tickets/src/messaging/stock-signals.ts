/**
 * The facts that change a ticket type's stock, turned into one signal per event on the shared
 * pub/sub (Redis in full mode, in process when embedded): "event X's stock changed". Every tickets
 * instance with watchers of X hears it and reads X's stock again (`live-stock.ts`). The signal
 * carries nothing but the event: what changed is read from the database, the one truth.
 */
import type { Cache } from '@sbor/cache';
import { isUuid, type Logger } from '@sbor/core';
import { Topics, type Bus, type IncomingMessage, type Subscription } from '@sbor/messaging';

/** The pub/sub channel of one event's stock signals. */
export const stockChannel = (eventId: string) => `tickets:stock:${eventId}`;

/**
 * Facts after which `held`, `sold` or `available` of some type may differ. `order.paid` moves held
 * to sold; `ticket.purchased` and `ticket.cancelled` are the per-ticket side of the same changes; a
 * waiting-list offer holds stock in the user's name.
 */
export const STOCK_TOPICS: readonly string[] = [
  Topics.orderReserved,
  Topics.orderPaid,
  Topics.orderExpired,
  Topics.orderCancelled,
  Topics.orderRefunded,
  Topics.ticketPurchased,
  Topics.ticketCancelled,
  Topics.waitingListOffered,
];

/** The event a stock fact names, or undefined for a message that names none. */
export function eventOfFact(message: Pick<IncomingMessage, 'value'>): string | undefined {
  try {
    const eventId = (JSON.parse(message.value) as { data?: { event_id?: unknown } }).data?.event_id;
    return isUuid(eventId) ? eventId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Consumes the stock facts in a group of its own, from the latest (an old change is no news to a
 * watcher, who reads the current stock when it subscribes), and publishes one signal per event per
 * batch: a flash sale's thousand `order.reserved` of one event become one signal. A lost signal
 * (pub/sub down) costs freshness until the event's next change, never correctness, so it is logged
 * and the fact is not retried.
 */
export function startStockSignals(options: { bus: Bus; cache: Cache; groupId: string; logger: Logger }): Promise<Subscription> {
  const { cache, logger } = options;
  const signal = async (messages: readonly IncomingMessage[]) => {
    const events = new Set(messages.map(eventOfFact).filter((id): id is string => id !== undefined));
    await Promise.all(
      [...events].map((eventId) =>
        cache.publish(stockChannel(eventId), '').catch((err: unknown) => {
          logger.warn({ err, eventId }, 'stock signal lost; watchers of the event catch up on its next change');
        }),
      ),
    );
  };
  return options.bus.subscribe({
    groupId: options.groupId,
    topics: STOCK_TOPICS,
    startAt: 'latest',
    handler: (message) => signal([message]),
    batchHandler: signal,
  });
}
