import type { OutboxRelay, Subscription } from '@sbor/messaging';
import type { Part } from './define.js';

/** The outbox relay as a part: it publishes what the service's transactions wrote. */
export const outboxRelayPart = (relay: OutboxRelay): Part => ({
  name: 'outbox relay',
  start: () => {
    relay.start();
    return () => relay.stop();
  },
});

/** A Kafka consumer as a part, named after what it consumes. */
export const consumerPart = (name: string, subscribe: () => Promise<Subscription>): Part => ({
  name,
  start: async () => {
    const subscription = await subscribe();
    return () => subscription.stop();
  },
});
