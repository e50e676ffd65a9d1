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

/** Re-reads a service's signing keys on a timer, so an operator's rotation reaches every replica. */
export const keyReloadPart = (
  keys: { watch(intervalMs: number, onError: (error: unknown) => void): () => Promise<void> },
  intervalMs: number,
  logger: { warn(obj: object, msg: string): void },
): Part => ({
  name: 'signing-key reload',
  start: () => keys.watch(intervalMs, (err) => logger.warn({ err }, 'could not re-read the signing keys; keeping the ones loaded')),
});
