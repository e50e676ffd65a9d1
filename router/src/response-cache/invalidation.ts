import { randomUUID } from 'node:crypto';
import type { Logger } from '@sbor/core';
import { Topics, type Bus, type Subscription } from '@sbor/messaging';

/**
 * Facts that change what an anonymous reader sees: an event appears or goes, or a ticket type's
 * `available` moves (holds, sales, cancellations, refunds, expiries, waiting-list offers).
 */
export const INVALIDATING_TOPICS = [
  Topics.eventPublished,
  Topics.eventCancelled,
  Topics.ticketPurchased,
  Topics.ticketCancelled,
  Topics.orderReserved,
  Topics.orderPaid,
  Topics.orderExpired,
  Topics.orderCancelled,
  Topics.orderRefunded,
  Topics.waitingListOffered,
] as const;

/**
 * Starts a new cache generation on every invalidating fact. Each router replica is its own consumer
 * group starting at the newest message: every replica hears every fact from now on, and none replays
 * history (the cache it would clear holds only answers younger than their max-age anyway).
 */
export function invalidateOnFacts(bus: Bus, store: { invalidate(): unknown }, logger: Logger): Promise<Subscription> {
  return bus.subscribe({
    groupId: `router-response-cache-${randomUUID()}`,
    topics: INVALIDATING_TOPICS,
    startAt: 'latest',
    handler: async (message) => {
      logger.debug({ topic: message.topic, key: message.key }, 'cached public answers invalidated by a fact');
      await store.invalidate();
    },
  });
}
