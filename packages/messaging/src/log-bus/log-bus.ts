import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { and, asc, eq, gt, lt, max, sql } from 'drizzle-orm';
import { createLogger, type Logger } from '@sbor/core';
import type { Database } from '@sbor/db';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY,
  type Bus,
  type IncomingMessage,
  type MessageHandler,
  type OutgoingMessage,
  type RetryPolicy,
  type Subscription,
  type SubscribeOptions,
  type TopicLag,
} from '../bus.js';
import { deliverOrDeadLetter } from '../delivery.js';
import { busGroupOffsets, busMessages } from './schema.js';

const MIGRATIONS = fileURLToPath(new URL('../../migrations/log-bus', import.meta.url));
const POLL_MS = 1_000;
const BATCH = 100;

export interface LogBusOptions {
  partitions?: number;
  retry?: RetryPolicy;
  /** Messages older than this are deleted, as Kafka's retention would (default 7 days). */
  retentionDays?: number;
  logger?: Logger;
}

interface Member {
  topics: ReadonlySet<string>;
  handler: MessageHandler;
  maxAttempts: number;
  onDeadLettered: SubscribeOptions['onDeadLettered'];
  stopped: boolean;
}

class BusClosingError extends Error {}

/**
 * Embedded mode's bus: the same guarantees as Kafka, kept in the embedded PostgreSQL. `publish`
 * resolves once the messages are committed to the log, and a group's position is committed only
 * after the handler resolved, so a crash or restart at any point loses nothing: unprocessed
 * messages are delivered again when the process comes back. Members of a group in this process
 * share the partitions, as Kafka consumers would.
 */
export async function createLogBus(database: Database, options: LogBusOptions = {}): Promise<Bus> {
  await database.migrate({ migrationsFolder: MIGRATIONS, schema: 'bus' });
  const { db } = database;
  const partitions = options.partitions ?? 4;
  const retry = options.retry ?? DEFAULT_RETRY;
  const logger = options.logger ?? createLogger('log-bus', 'warn');
  const groups = new Map<string, Member[]>();
  /** One pump per group/topic/partition at a time: that keeps the per-key order. */
  const pumps = new Map<string, Promise<void>>();
  /** Set while a pump runs and something new arrived: it loops once more instead of a second pump. */
  const again = new Set<string>();
  let closing = false;

  const stopIfClosing = () => {
    if (closing) throw new BusClosingError();
  };
  const partitionFor = (key: string) => createHash('md5').update(key).digest().readUInt32BE(0) % partitions;
  const ownerOf = (groupId: string, topic: string, partition: number) => {
    const readers = (groups.get(groupId) ?? []).filter((m) => !m.stopped && m.topics.has(topic));
    return readers[partition % readers.length];
  };

  async function committedOf(groupId: string, topic: string, partition: number): Promise<number> {
    const [row] = await db
      .select({ committed: busGroupOffsets.committed })
      .from(busGroupOffsets)
      .where(and(eq(busGroupOffsets.groupId, groupId), eq(busGroupOffsets.topic, topic), eq(busGroupOffsets.partition, partition)));
    return Number(row?.committed ?? 0);
  }

  async function commit(groupId: string, topic: string, partition: number, offset: number) {
    await db
      .insert(busGroupOffsets)
      .values({ groupId, topic, partition, committed: offset })
      .onConflictDoUpdate({
        target: [busGroupOffsets.groupId, busGroupOffsets.topic, busGroupOffsets.partition],
        set: { committed: offset },
      });
  }

  async function pump(groupId: string, topic: string, partition: number, slot: string): Promise<void> {
    for (;;) {
      again.delete(slot);
      const committed = await committedOf(groupId, topic, partition);
      const batch = await db
        .select()
        .from(busMessages)
        .where(and(eq(busMessages.topic, topic), eq(busMessages.partition, partition), gt(busMessages.offset, committed)))
        .orderBy(asc(busMessages.offset))
        .limit(BATCH);
      for (const row of batch) {
        const owner = ownerOf(groupId, topic, partition);
        if (closing || !owner) return;
        const message: IncomingMessage = {
          topic,
          key: row.key,
          value: row.value,
          headers: row.headers as Record<string, string>,
          partition,
          offset: String(row.offset),
        };
        await deliverOrDeadLetter({
          message,
          groupId,
          handler: owner.handler,
          // Closing ends a retry loop without committing: the message is delivered again next start.
          options: {
            maxAttempts: owner.maxAttempts,
            retry,
            beforeRetry: async () => stopIfClosing(),
            onDeadLettered: owner.onDeadLettered,
          },
          publish,
          logger,
        });
        await commit(groupId, topic, partition, Number(row.offset));
      }
      if (batch.length < BATCH && !again.has(slot)) return;
    }
  }

  function kick(groupId: string, topic: string, partition: number) {
    const slot = `${groupId}/${topic}/${partition}`;
    if (closing) return;
    if (pumps.has(slot)) {
      again.add(slot);
      return;
    }
    const running = pump(groupId, topic, partition, slot)
      .catch((err: unknown) => {
        if (!(err instanceof BusClosingError)) logger.error({ err, groupId, topic, partition }, 'delivery failed; will retry');
      })
      .finally(() => pumps.delete(slot));
    pumps.set(slot, running);
  }

  const kickTopic = (topic: string) => {
    for (const [groupId, members] of groups) {
      if (!members.some((m) => !m.stopped && m.topics.has(topic))) continue;
      for (let p = 0; p < partitions; p++) kick(groupId, topic, p);
    }
  };

  // Redelivery after a failure, and messages published by another handle on the same database.
  const poller = setInterval(() => {
    for (const topic of new Set([...groups.values()].flat().flatMap((m) => [...m.topics]))) kickTopic(topic);
  }, POLL_MS);
  poller.unref();
  const retention = setInterval(() => {
    const cutoff = new Date(Date.now() - (options.retentionDays ?? 7) * 86_400_000);
    db.delete(busMessages)
      .where(lt(busMessages.publishedAt, cutoff))
      .catch((err: unknown) => logger.warn({ err }, 'retention sweep failed'));
  }, 60 * 60_000);
  retention.unref();

  async function publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await db
      .insert(busMessages)
      .values(
        messages.map((m) => ({ topic: m.topic, partition: partitionFor(m.key), key: m.key, value: m.value, headers: m.headers ?? {} })),
      );
    // Delivered on a later tick: publish returns before any handler runs, as with a broker.
    setImmediate(() => new Set(messages.map((m) => m.topic)).forEach(kickTopic));
  }

  async function subscribe(subscription: SubscribeOptions): Promise<Subscription> {
    const { groupId, topics } = subscription;
    if (subscription.startAt === 'latest') {
      // A new group starts at the end of each partition; a known group keeps its position.
      for (const topic of topics) {
        const [end] = await db
          .select({ end: max(busMessages.offset) })
          .from(busMessages)
          .where(eq(busMessages.topic, topic));
        for (let p = 0; p < partitions; p++) {
          await db
            .insert(busGroupOffsets)
            .values({ groupId, topic, partition: p, committed: Number(end?.end ?? 0) })
            .onConflictDoNothing();
        }
      }
    }
    const member: Member = {
      topics: new Set(topics),
      handler: subscription.handler,
      maxAttempts: subscription.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      onDeadLettered: subscription.onDeadLettered,
      stopped: false,
    };
    groups.set(groupId, [...(groups.get(groupId) ?? []), member]);
    topics.forEach(kickTopic);
    return {
      stop: async () => {
        member.stopped = true;
        await Promise.all([...pumps.entries()].filter(([slot]) => slot.startsWith(`${groupId}/`)).map(([, p]) => p));
        groups.set(
          groupId,
          (groups.get(groupId) ?? []).filter((m) => m !== member),
        );
        // The partitions it held move to the members left.
        topics.forEach(kickTopic);
      },
    };
  }

  return {
    publish,
    subscribe,
    lag: async (groupId: string): Promise<TopicLag[]> => {
      const topics = new Set((groups.get(groupId) ?? []).flatMap((m) => [...m.topics]));
      const lags: TopicLag[] = [];
      for (const topic of topics) {
        let lag = 0;
        for (let p = 0; p < partitions; p++) {
          const committed = await committedOf(groupId, topic, p);
          const [row] = await db
            .select({ n: sql<number>`count(*)::int` })
            .from(busMessages)
            .where(and(eq(busMessages.topic, topic), eq(busMessages.partition, p), gt(busMessages.offset, committed)));
          lag += Number(row?.n ?? 0);
        }
        lags.push({ topic, lag });
      }
      return lags;
    },
    close: async () => {
      closing = true;
      clearInterval(poller);
      clearInterval(retention);
      await Promise.all(pumps.values());
    },
  };
}
