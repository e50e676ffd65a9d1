/**
 * The Kafka bus (full mode). The only module that imports kafkajs: kafkajs is in maintenance
 * mode, and `@confluentinc/kafka-javascript` offers a kafkajs-compatible API to swap in here.
 *
 * Offsets: the consumer runs `eachMessage` with kafkajs' auto-commit on and
 * `autoCommitThreshold: 1`. kafkajs resolves a message's offset only after `eachMessage`
 * resolved, and auto-commit only commits resolved offsets, so an offset is committed right after
 * its handler succeeded (or the message was parked in the dead-letter topic), never before. We do
 * not call `commitOffsets` by hand because kafkajs skips it once `stop()` has begun, which would
 * lose the commit of the message finished during shutdown; the auto path commits it.
 * If `eachMessage` throws (parking failed), its offset stays unresolved: kafkajs fetches the
 * message again and it is redelivered.
 * A subscription with a `batchHandler` runs `eachBatch` instead, resolving offsets itself: a
 * chunk's offsets only after its batch handler succeeded, or after each message went through
 * `handler` (with retries and dead-lettering) when the batch failed.
 */
import { createLogger, type Logger } from '@sbor/core';
import './kafkajs-idle-queue.js';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  type KafkaMessage,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY,
  type BatchHandler,
  type Bus,
  type IncomingMessage,
  type OutgoingMessage,
  type RetryPolicy,
  type SubscribeOptions,
  type Subscription,
  type TopicLag,
} from './bus.js';
import { deliverOrDeadLetter } from './delivery.js';
import { tracedBatchHandler, withSendSpans } from './tracing.js';

export interface KafkaBusOptions {
  /** `host:port` list, e.g. from `KAFKA_BROKERS=127.0.0.1:9092`. */
  brokers: readonly string[];
  clientId: string;
  logger?: Logger;
  /** Backoff between a handler's attempts. */
  retry?: RetryPolicy;
  /** Retries kafkajs makes before `publish` rejects (default 5: about 10 s of backoff). */
  publishRetries?: number;
  /**
   * How long the group waits for a silent member before reassigning its partitions. Default
   * 10 s (kafkajs: 30 s): a consumer restarted after a crash (SIGKILL, OOM) cannot join until the
   * dead member times out, and its service waits for that join before it serves.
   */
  sessionTimeoutMs?: number;
}

/** Splits `KAFKA_BROKERS` ("a:9092,b:9092") into the list `createKafkaBus` takes. */
export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((broker) => broker.trim())
    .filter(Boolean);
}

export function createKafkaBus(options: KafkaBusOptions): Bus {
  const logger = options.logger ?? createLogger('kafka', 'warn');
  const retry = options.retry ?? DEFAULT_RETRY;
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => logToPino(logger, entry),
  });
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // The Java client's murmur2 partitioner: the same key lands where other clients put it.
    createPartitioner: Partitioners.DefaultPartitioner,
    // Bounded, unlike the idempotent default (retry forever): the outbox relay must see a failure
    // to record it and try later. A send repeated by the relay may duplicate; consumers dedupe.
    retry: { retries: options.publishRetries ?? 5 },
  });
  let connecting: Promise<void> | undefined;
  const subscriptions = new Set<Subscription>();
  /** Groups subscribed here, for `lag()`: their topics and where unstarted partitions begin. */
  const groups = new Map<string, { topics: readonly string[]; latest: boolean; starts: Map<string, string> }>();
  let admin: Promise<Admin> | undefined;

  const connectProducer = () => {
    connecting ??= producer.connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    });
    return connecting;
  };

  async function publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await connectProducer();
    await withSendSpans('kafka', messages, async (traced) => {
      const byTopic = new Map<string, OutgoingMessage[]>();
      for (const message of traced) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
      await producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({
          topic,
          messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    });
  }

  /**
   * kafkajs fetches once for all of a member's partitions and fetches again only when every batch
   * of that fetch is handled, so a message that lands meanwhile waits for the slowest of them.
   * Topics have 3 partitions; a purchase writes to two topics (order.paid, ticket.purchased), and
   * with 3 at a time the notifications consumer took them in two waves. Six take both at once;
   * each is one transaction on the service's pool of 10.
   */
  const PARTITIONS_IN_PARALLEL = 6;
  /** Messages handed to a batch handler at once (one transaction for the fact consumers). */
  const MAX_BATCH = 50;

  /**
   * `eachBatch` for a subscription with a batch handler: chunks of up to MAX_BATCH go to it; a chunk
   * it refuses (or a lone message) goes message by message through `deliverOne`. A position moves
   * only past messages whose handling finished.
   */
  function batchesThrough(
    batchHandler: BatchHandler,
    deliverOne: (message: IncomingMessage, heartbeat: () => Promise<void>) => Promise<unknown>,
  ): (payload: EachBatchPayload) => Promise<void> {
    return async ({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }) => {
      const messages = batch.messages.map((m) => incoming(batch.topic, batch.partition, m));
      for (let start = 0; start < messages.length; start += MAX_BATCH) {
        if (!isRunning() || isStale()) return;
        const chunk = messages.slice(start, start + MAX_BATCH);
        if (chunk.length > 1 && (await handledTogether(batchHandler, chunk))) {
          for (const message of chunk) resolveOffset(message.offset);
        } else {
          for (const message of chunk) {
            if (!isRunning() || isStale()) return;
            await deliverOne(message, heartbeat);
            resolveOffset(message.offset);
          }
        }
        await heartbeat();
        await commitOffsetsIfNecessary();
      }
    };
  }

  /** Whether the batch handler took all of `chunk`; if not, the caller delivers them one by one. */
  async function handledTogether(batchHandler: BatchHandler, chunk: IncomingMessage[]): Promise<boolean> {
    try {
      await batchHandler(chunk);
      return true;
    } catch (err) {
      logger.warn(
        { err, topic: chunk[0]!.topic, partition: chunk[0]!.partition, messages: chunk.length },
        'batch failed; handling its messages one by one',
      );
      return false;
    }
  }

  async function subscribe(subscription: SubscribeOptions): Promise<Subscription> {
    const { groupId, handler } = subscription;
    const maxAttempts = subscription.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    const latest = subscription.startAt === 'latest';
    const starts = latest ? await endsOfUnstartedPartitions(kafka, groupId, subscription.topics) : [];
    // 500 ms is the Java client's fetch.max.wait.ms; kafkajs' 5 s would make every stop() take 5 s.
    // It only bounds an idle fetch: with kafkajs' minBytes of 1 the broker answers as soon as one
    // message is there, so it adds nothing to a message's way.
    const sessionTimeout = options.sessionTimeoutMs ?? 10_000;
    const consumer: Consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: 500,
      sessionTimeout,
      heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 3)),
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: !latest });
      const deliverOne = (message: IncomingMessage, heartbeat: () => Promise<void>) =>
        deliverOrDeadLetter({
          message,
          groupId,
          handler,
          // Heartbeat between attempts so a slow retry does not get this member evicted.
          options: { maxAttempts, retry, beforeRetry: heartbeat, onDeadLettered: subscription.onDeadLettered },
          publish,
          logger,
        });
      const { batchHandler } = subscription;
      await consumer.run({
        autoCommit: true,
        autoCommitThreshold: 1,
        // Partitions are handled side by side, each still in order: one slow handler (a database
        // transaction) no longer holds up the others' keys.
        partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL,
        ...(batchHandler
          ? { eachBatchAutoResolve: false, eachBatch: batchesThrough(tracedBatchHandler(groupId, batchHandler), deliverOne) }
          : {
              eachMessage: async ({ topic, partition, message, heartbeat }) =>
                void (await deliverOne(incoming(topic, partition, message), heartbeat)),
            }),
      });
      // With auto-commit on, a seek is committed as the group's position; unassigned ones are ignored.
      for (const start of starts) consumer.seek(start);
    } catch (error) {
      await consumer.disconnect().catch(() => {});
      throw error;
    }
    let stopping: Promise<void> | undefined;
    const handle: Subscription = {
      // disconnect() stops the runner, which waits for the message in hand, then leaves the group.
      stop: () => {
        stopping ??= consumer.disconnect().finally(() => subscriptions.delete(handle));
        return stopping;
      },
    };
    subscriptions.add(handle);
    groups.set(groupId, {
      topics: subscription.topics,
      latest,
      starts: new Map(starts.map((s) => [`${s.topic}/${s.partition}`, s.offset])),
    });
    return handle;
  }

  const adminClient = () =>
    (admin ??= (async () => {
      // No retries: a scrape while the broker is down should fail fast, not hang.
      const client = kafka.admin({ retry: { retries: 0 } });
      await client.connect();
      return client;
    })());

  async function lag(groupId: string): Promise<TopicLag[]> {
    const group = groups.get(groupId);
    if (!group) return [];
    try {
      const client = await adminClient();
      const committed = await client.fetchOffsets({ groupId, topics: [...group.topics] });
      const result: TopicLag[] = [];
      for (const { topic, partitions } of committed) {
        let total = 0;
        for (const end of await client.fetchTopicOffsets(topic)) {
          const position = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
          // No committed position yet: the group starts where `subscribe` put it.
          const from =
            position !== '-1' ? position : (group.starts.get(`${topic}/${end.partition}`) ?? (group.latest ? end.high : end.low));
          total += Math.max(0, Number(end.high) - Number(from));
        }
        result.push({ topic, lag: total });
      }
      return result;
    } catch (error) {
      // Reconnect on the next call (the broker may have restarted).
      const stale = admin;
      admin = undefined;
      void stale?.then((client) => client.disconnect()).catch(() => {});
      throw error;
    }
  }

  return {
    publish,
    subscribe,
    lag,
    close: async () => {
      const client = admin;
      admin = undefined;
      await client?.then((c) => c.disconnect()).catch(() => {});
      // Consumers first: a message in hand may still need the producer to reach its dead-letter topic.
      await Promise.all([...subscriptions].map((s) => s.stop()));
      if (connecting) await producer.disconnect();
      connecting = undefined;
    },
  };
}

/**
 * `latest` in kafkajs resolves on the first fetch, so a message published between joining and
 * that fetch would be skipped. Instead we note the end of each partition the group has no
 * position on, before joining, and seek there once joined: everything published after
 * `subscribe` resolved is delivered (for the partitions this member was assigned).
 */
async function endsOfUnstartedPartitions(kafka: Kafka, groupId: string, topics: readonly string[]) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
    const positions: { topic: string; partition: number; offset: string }[] = [];
    for (const { topic, partitions } of committed) {
      const unstarted = new Set(partitions.filter((p) => p.offset === '-1').map((p) => p.partition));
      if (unstarted.size === 0) continue;
      for (const end of await admin.fetchTopicOffsets(topic)) {
        if (unstarted.has(end.partition)) positions.push({ topic, partition: end.partition, offset: end.high });
      }
    }
    return positions;
  } finally {
    await admin.disconnect();
  }
}

function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? '',
    headers: headersOf(message.headers),
  };
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[name] = first.toString();
  }
  return out;
}

/** kafkajs logs only warnings and errors, as structured pino lines. */
function logToPino(logger: Logger, entry: LogEntry): void {
  const { message, ...extra } = entry.log;
  // We limit the idempotent producer's retries on purpose (see createKafkaBus).
  if (message.startsWith('Limiting retries for the idempotent producer')) return;
  const line = { kafkajs: entry.namespace, ...extra };
  if (entry.level === logLevel.ERROR) logger.error(line, message);
  else logger.warn(line, message);
}
