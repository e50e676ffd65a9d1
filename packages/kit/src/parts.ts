import type { ServiceMetrics } from '@sbor/core';
import { OutboxRelay, pipelineMetrics, registerOutboxMetrics, type OutboxTable, type Subscription } from '@sbor/messaging';
import type { Infrastructure, Part } from './define.js';

/** What a service with an outbox reads from its settings for the relay. */
export interface OutboxSettings {
  outboxIntervalMs: number;
  retention: { outboxSentMs: number; intervalMs: number };
}

/**
 * The relay of a service's outbox, on its own database and bus, its pipeline metrics and backlog
 * gauge registered. Start it as a part with `outboxRelayPart`.
 */
export function serviceOutboxRelay(
  table: OutboxTable,
  infra: Infrastructure,
  settings: OutboxSettings,
  metrics: ServiceMetrics,
): OutboxRelay {
  const relay = new OutboxRelay({
    db: infra.database.db,
    table,
    bus: infra.bus,
    logger: infra.logger,
    intervalMs: settings.outboxIntervalMs,
    metrics: pipelineMetrics(metrics),
    retention: { sentMs: settings.retention.outboxSentMs, intervalMs: settings.retention.intervalMs },
  });
  registerOutboxMetrics(metrics, () => relay.backlog());
  return relay;
}

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
