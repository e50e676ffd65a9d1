/**
 * The message bus every service talks to. Three implementations share these semantics:
 * `createKafkaBus` (full mode), `createLogBus` (embedded mode: a durable log in PGlite) and
 * `createMemoryBus` (tests: the same log in memory), so domain code and its tests never depend on
 * kafkajs.
 *
 * Guarantees, in both:
 * - `publish` resolves only once the broker holds every message (Kafka: acks=all); a rejection
 *   means "maybe not stored", so callers (the outbox relay) retry and consumers deduplicate.
 * - At-least-once delivery per consumer group: each group sees every message; members of one group
 *   share the partitions. Messages with the same key keep their order.
 * - A message's position is committed only after its handler resolved.
 * - A failing handler is retried with backoff up to `maxAttempts`; then the message is published to
 *   `deadLetterTopic(topic)` with the error in its headers and the group moves on. A
 *   `PermanentMessageError` skips the retries: retrying a malformed message cannot help.
 */

export interface OutgoingMessage {
  topic: string;
  /** Partitioning key: messages with one key stay in order. The aggregate id for facts. */
  key: string;
  value: string;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  /** Null only for messages that some other producer wrote without a key. */
  key: string | null;
  value: string;
  headers: Record<string, string>;
  partition: number;
  /** Kafka offsets are 64-bit, so they travel as strings. */
  offset: string;
}

export type MessageHandler = (message: IncomingMessage) => Promise<void>;

/**
 * Several messages of one partition, in order, handled together (e.g. in one database
 * transaction). All or nothing: if it throws, the bus hands each message to `handler` instead,
 * with the usual retries and dead-lettering.
 */
export type BatchHandler = (messages: readonly IncomingMessage[]) => Promise<void>;

export interface SubscribeOptions {
  groupId: string;
  topics: readonly string[];
  handler: MessageHandler;
  /**
   * Optional: a bus that receives messages in batches (Kafka) offers a backlog here, a partition's
   * messages at a time; one at a time still goes to `handler`. Buses without batches ignore it.
   */
  batchHandler?: BatchHandler;
  /** Handler attempts before the message is dead-lettered. Default `DEFAULT_MAX_ATTEMPTS`. */
  maxAttempts?: number;
  /**
   * Where a group with no committed position starts. `earliest` (default) so a service that
   * starts after facts were produced still sees them; `latest` skips history, and everything
   * published after `subscribe` resolved is still delivered.
   */
  startAt?: 'earliest' | 'latest';
  /** Told after a message of this subscription was parked in its dead-letter topic (`countDeadLetters`). */
  onDeadLettered?: (message: IncomingMessage) => void;
}

export interface Subscription {
  /** Leaves the group; waits for the message in hand (including its retries) to finish. */
  stop(): Promise<void>;
}

export interface Bus {
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /** Resolves once the consumer is part of its group. */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Stops every subscription, then the producer. */
  close(): Promise<void>;
  /**
   * Messages not yet processed by `groupId`, per topic (Kafka: high watermark minus the committed
   * offset; in memory: queue depth). Only for groups subscribed through this bus. For metrics.
   */
  lag?(groupId: string): Promise<TopicLag[]>;
}

export interface TopicLag {
  topic: string;
  lag: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/** Exponential backoff between handler attempts: initial, 2×, 4×, … capped at `maxDelayMs`. */
export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 100, maxDelayMs: 5_000 };

/**
 * Thrown by a handler when retrying cannot succeed (a malformed message, an unknown event
 * version): the bus dead-letters the message at once instead of spending its retries.
 */
export class PermanentMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentMessageError';
  }
}

/** Headers a dead-lettered message carries, besides the original message's own headers. */
export const DeadLetterHeaders = {
  error: 'x-dlq-error',
  errorName: 'x-dlq-error-name',
  attempts: 'x-dlq-attempts',
  groupId: 'x-dlq-group-id',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
  failedAt: 'x-dlq-failed-at',
} as const;

/**
 * Timestamps (milliseconds since the epoch, as decimal text) the outbox relay puts on every
 * message, so a consumer can tell how long each hop took (`PipelineMetrics`). They describe the
 * delivery, not the fact: a message published again carries new ones.
 */
export const TraceHeaders = {
  /** When the outbox row was written (its transaction's start). */
  writtenAt: 'x-outbox-written-at',
  /** When the relay called `publish` for it. */
  publishedAt: 'x-outbox-published-at',
} as const;

/** Seconds from a `TraceHeaders` stamp until `now`; undefined when the message has none. */
export function secondsSinceStamp(headers: Readonly<Record<string, string>>, name: string, now = Date.now()): number | undefined {
  const stamp = Number(headers[name]);
  return headers[name] !== undefined && Number.isFinite(stamp) ? Math.max(0, (now - stamp) / 1000) : undefined;
}
