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
 */
import { createLogger, type Logger } from '@sbor/core';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Consumer,
  type IHeaders,
  type KafkaMessage,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY,
  type Bus,
  type IncomingMessage,
  type OutgoingMessage,
  type RetryPolicy,
  type SubscribeOptions,
  type Subscription,
} from './bus.js';
import { deliverOrDeadLetter } from './delivery.js';

export interface KafkaBusOptions {
  /** `host:port` list, e.g. from `KAFKA_BROKERS=127.0.0.1:9092`. */
  brokers: readonly string[];
  clientId: string;
  logger?: Logger;
  /** Backoff between a handler's attempts. */
  retry?: RetryPolicy;
  /** How long `publish` keeps retrying a broker that does not answer before it rejects. */
  publishRetries?: number;
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
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async function subscribe(subscription: SubscribeOptions): Promise<Subscription> {
    const { groupId, handler } = subscription;
    const maxAttempts = subscription.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (subscription.startAt === 'latest') await startNewGroupAtEnd(kafka, groupId, subscription.topics);
    const consumer: Consumer = kafka.consumer({ groupId });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...subscription.topics], fromBeginning: subscription.startAt !== 'latest' });
      await consumer.run({
        autoCommit: true,
        autoCommitThreshold: 1,
        eachMessage: async ({ topic, partition, message, heartbeat }) => {
          await deliverOrDeadLetter({
            message: incoming(topic, partition, message),
            groupId,
            handler,
            // Heartbeat between attempts so a slow retry does not get this member evicted.
            options: { maxAttempts, retry, beforeRetry: heartbeat },
            publish,
            logger,
          });
        },
      });
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
    return handle;
  }

  return {
    publish,
    subscribe,
    close: async () => {
      // Consumers first: a message in hand may still need the producer to reach its dead-letter topic.
      await Promise.all([...subscriptions].map((s) => s.stop()));
      if (connecting) await producer.disconnect();
      connecting = undefined;
    },
  };
}

/**
 * `latest` in kafkajs resolves on the first fetch, so messages published between joining and that
 * fetch would be skipped. Committing the current end offsets for a group that has none makes
 * "everything published after subscribe resolved is delivered" hold.
 */
async function startNewGroupAtEnd(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      if (committed?.partitions.some((p) => p.offset !== '-1')) continue;
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map((e) => ({ partition: e.partition, offset: e.high })) });
    }
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
