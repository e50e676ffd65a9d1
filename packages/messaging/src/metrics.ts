/** Messaging metrics for a service's registry: outbox backlog and consumer lag, read at scrape time. */
import type { ServiceMetrics } from '@sbor/core';
import type { Bus } from './bus.js';
import type { OutboxBacklog } from './outbox.js';

/** Bounds a scrape-time read, so a database or broker that hangs does not hang /metrics. */
function within<T>(promise: Promise<T>, ms = 3_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('metrics read timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * `sbor_outbox_unsent` and `sbor_outbox_oldest_unsent_age_seconds`. When the read fails (database
 * down) both read NaN for that scrape, so nobody mistakes "unknown" for "empty".
 */
export function registerOutboxMetrics(metrics: ServiceMetrics, backlog: () => Promise<OutboxBacklog>): void {
  let pending: Promise<OutboxBacklog | undefined> | undefined;
  // Both gauges are collected in one scrape: read once for the pair.
  const read = () =>
    (pending ??= within(backlog())
      .catch(() => undefined)
      .finally(() => setImmediate(() => (pending = undefined))));
  metrics.gauge({
    name: 'sbor_outbox_unsent',
    help: 'Outbox rows not yet published to the bus.',
    async collect() {
      this.set((await read())?.unsent ?? Number.NaN);
    },
  });
  metrics.gauge({
    name: 'sbor_outbox_oldest_unsent_age_seconds',
    help: 'Age of the oldest unsent outbox row, in seconds (0 when none).',
    async collect() {
      this.set((await read())?.oldestAgeSeconds ?? Number.NaN);
    },
  });
}

/**
 * `sbor_consumer_lag{group,topic}`: messages the group has not processed yet. Absent from a scrape
 * when the bus cannot tell (broker down), never a stale 0.
 */
export function registerConsumerLagMetrics(metrics: ServiceMetrics, bus: Bus, groupIds: () => readonly string[]): void {
  metrics.gauge({
    name: 'sbor_consumer_lag',
    help: 'Messages not yet processed by the consumer group, per topic.',
    labelNames: ['group', 'topic'],
    async collect() {
      this.reset();
      if (!bus.lag) return;
      for (const group of groupIds()) {
        const lags = await within(bus.lag(group)).catch(() => undefined);
        for (const { topic, lag } of lags ?? []) this.set({ group, topic }, lag);
      }
    },
  });
}
