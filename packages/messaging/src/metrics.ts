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

/**
 * The bus as one service sees it, counting what its consumers park:
 * `sbor_messages_dead_lettered_total{group,topic}` (topic: the one the message came from). Each
 * group's topics start at 0 when it subscribes, so the first parking shows as an increase.
 */
export function countDeadLetters(bus: Bus, metrics: ServiceMetrics): Bus {
  const parked = metrics.counter({
    name: 'sbor_messages_dead_lettered_total',
    help: 'Messages a consumer group gave up on and parked in <topic>.dlq (malformed, forged, or failing every attempt).',
    labelNames: ['group', 'topic'],
  });
  return {
    publish: (messages) => bus.publish(messages),
    close: () => bus.close(),
    ...(bus.lag ? { lag: (groupId: string) => bus.lag!(groupId) } : {}),
    subscribe: (options) => {
      const group = options.groupId;
      for (const topic of options.topics) parked.inc({ group, topic }, 0);
      return bus.subscribe({
        ...options,
        onDeadLettered: (message) => {
          parked.inc({ group, topic: message.topic });
          options.onDeadLettered?.(message);
        },
      });
    },
  };
}

/**
 * Finer than `LATENCY_BUCKETS` between 1 and 100 ms, where the pipeline's hops are, so a bench
 * that diffs two scrapes can read p50/p99 per hop to within a few milliseconds.
 */
export const PIPELINE_BUCKETS = [
  0.0005, 0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30,
];

const FACT_COUNT_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/**
 * Where the time of one fact goes between its outbox row and its consumer's commit, hop by hop.
 * The relay stamps each message (`TraceHeaders`), so the consumer side can time the hops it did
 * not see; every figure is wall-clock on one host (or NTP-synchronised hosts).
 */
export interface PipelineMetrics {
  /** The relay began claiming rows `seconds` after a commit woke it (`OutboxRelay.wake`). */
  relayWoken(seconds: number): void;
  /** The relay claimed an outbox row of `topic`, `seconds` after the row was written. */
  relayClaimed(topic: string, seconds: number): void;
  /** One publish of `messages` messages, from the call until the broker's ack. */
  published(seconds: number, messages: number): void;
  /** A consumer of `group` started on a message `seconds` after the relay's publish call. */
  received(group: string, topic: string, seconds: number): void;
  /** One consumer transaction (inbox claims and effects of `facts` facts, commit included). */
  transaction(group: string, seconds: number, facts: number): void;
  /** The after-commit step of one transaction (live publish, cache, wake-ups). */
  afterCommit(group: string, seconds: number): void;
}

/** The histograms behind `PipelineMetrics`, in one service's registry (created once per name). */
export function pipelineMetrics(metrics: ServiceMetrics): PipelineMetrics {
  const wakeDelay = metrics.histogram({
    name: 'sbor_outbox_relay_wake_delay_seconds',
    help: 'A commit woke the relay until the relay began claiming rows (it finishes the batch in hand first).',
    buckets: PIPELINE_BUCKETS,
  });
  const relayWait = metrics.histogram({
    name: 'sbor_outbox_relay_wait_seconds',
    help: "Outbox row written (its transaction's start) until the relay claimed it, per topic.",
    labelNames: ['topic'],
    buckets: PIPELINE_BUCKETS,
  });
  const publish = metrics.histogram({
    name: 'sbor_outbox_publish_seconds',
    help: "One relay publish to the bus, from the call until the broker's ack (acks=all).",
    buckets: PIPELINE_BUCKETS,
  });
  const publishSize = metrics.histogram({
    name: 'sbor_outbox_publish_messages',
    help: 'Messages per relay publish.',
    buckets: FACT_COUNT_BUCKETS,
  });
  const receive = metrics.histogram({
    name: 'sbor_consumer_receive_delay_seconds',
    help: "Relay's publish call until a consumer started on the message: produce, broker, fetch and queue.",
    labelNames: ['group', 'topic'],
    buckets: PIPELINE_BUCKETS,
  });
  const transaction = metrics.histogram({
    name: 'sbor_consumer_transaction_seconds',
    help: 'One consumer transaction: inbox claims and the effects of its facts, commit included.',
    labelNames: ['group'],
    buckets: PIPELINE_BUCKETS,
  });
  const transactionSize = metrics.histogram({
    name: 'sbor_consumer_transaction_facts',
    help: 'Facts applied per consumer transaction (a backlog is applied a batch at a time).',
    labelNames: ['group'],
    buckets: FACT_COUNT_BUCKETS,
  });
  const afterCommit = metrics.histogram({
    name: 'sbor_consumer_after_commit_seconds',
    help: "One consumer transaction's after-commit step: live publish, cache invalidation, wake-ups.",
    labelNames: ['group'],
    buckets: PIPELINE_BUCKETS,
  });
  return {
    relayWoken: (seconds) => wakeDelay.observe(seconds),
    relayClaimed: (topic, seconds) => relayWait.observe({ topic }, seconds),
    published: (seconds, messages) => {
      publish.observe(seconds);
      publishSize.observe(messages);
    },
    received: (group, topic, seconds) => receive.observe({ group, topic }, seconds),
    transaction: (group, seconds, facts) => {
      transaction.observe({ group }, seconds);
      transactionSize.observe({ group }, facts);
    },
    afterCommit: (group, seconds) => afterCommit.observe({ group }, seconds),
  };
}
