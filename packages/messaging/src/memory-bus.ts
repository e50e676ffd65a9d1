/**
 * The in-process bus for tests (embedded mode keeps its facts in PGlite: `createLogBus`): a tiny
 * Kafka in memory, so services under test get the same guarantees as in full mode. Each topic is a set of partitioned logs (key → partition, hence
 * per-key order); each consumer group keeps its own offset per partition, so every group sees
 * every message, and the group's members share partitions. Delivery always happens on a later
 * turn of the event loop, never inside `publish`: a relay publishing from inside a database
 * transaction must not run a consumer's transaction on the same (single-connection) PGlite.
 */
import { createHash } from 'node:crypto';
import { createLogger, type Logger } from '@sbor/core';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY,
  type Bus,
  type IncomingMessage,
  type MessageHandler,
  type OutgoingMessage,
  type RetryPolicy,
  type SubscribeOptions,
  type Subscription,
  type TopicLag,
} from './bus.js';
import { deliverOrDeadLetter } from './delivery.js';

export interface MemoryBusOptions {
  /** Partitions per topic: how many members of one group can work in parallel. Default 4. */
  partitions?: number;
  retry?: RetryPolicy;
  /** Messages kept per partition, like Kafka's retention; older ones are dropped. Default 10 000. */
  retention?: number;
  logger?: Logger;
}

/** A message that exhausted its attempts, as the tests and the embedded admin can read it. */
export interface DeadLetter {
  groupId: string;
  message: IncomingMessage;
  error: string;
  attempts: number;
}

export interface MemoryBus extends Bus {
  /** Every message dead-lettered so far (they are also published to the `.dlq` topics). */
  deadLetters(): readonly DeadLetter[];
  /** Resolves when no group has a message left to process: handy in tests. */
  idle(): Promise<void>;
}

interface PartitionLog {
  /** Offset of `messages[0]`; grows as retention drops old messages. */
  base: number;
  messages: Omit<IncomingMessage, 'offset'>[];
}

interface Member {
  topics: ReadonlySet<string>;
  handler: MessageHandler;
  maxAttempts: number;
  onDeadLettered: SubscribeOptions['onDeadLettered'];
  stopped: boolean;
  /** Deliveries this member is working on, so `stop()` can wait for exactly those. */
  inFlight: Set<Promise<unknown>>;
}

interface Group {
  id: string;
  members: Member[];
  /** Next offset to process, per `topic/partition`. */
  offsets: Map<string, number>;
  /** The one running delivery loop per `topic/partition`: one at a time keeps the key order. */
  pumps: Map<string, Promise<void>>;
}

export function createMemoryBus(options: MemoryBusOptions = {}): MemoryBus {
  const partitionCount = options.partitions ?? 4;
  const retention = options.retention ?? 10_000;
  const retry = options.retry ?? DEFAULT_RETRY;
  const logger = options.logger ?? createLogger('memory-bus', 'warn');
  const logs = new Map<string, PartitionLog[]>();
  const groups = new Map<string, Group>();
  const deadLetters: DeadLetter[] = [];
  /** Closing: pumps finish the message in hand and take no more. Closed: publish is refused. */
  let closing = false;
  let closed = false;

  const logOf = (topic: string): PartitionLog[] => {
    let partitions = logs.get(topic);
    if (!partitions) {
      partitions = Array.from({ length: partitionCount }, () => ({ base: 0, messages: [] }));
      logs.set(topic, partitions);
    }
    return partitions;
  };

  const partitionFor = (key: string) => createHash('md5').update(key).digest().readUInt32BE(0) % partitionCount;

  /** Partition p of a topic belongs to the (p mod n)-th live member reading it: a static rebalance. */
  const ownerOf = (group: Group, topic: string, partition: number): Member | undefined => {
    const readers = group.members.filter((m) => !m.stopped && m.topics.has(topic));
    return readers[partition % readers.length];
  };

  const kick = (group: Group, topic: string, partition: number) => {
    const slot = `${topic}/${partition}`;
    if (closing || group.pumps.has(slot)) return;
    group.pumps.set(slot, runPump(group, topic, partition, slot));
  };

  async function runPump(group: Group, topic: string, partition: number, slot: string): Promise<void> {
    try {
      // Yield first: publish has returned before any handler runs.
      await new Promise<void>((resolve) => setImmediate(resolve));
      const log = logOf(topic)[partition]!;
      for (;;) {
        const offset = Math.max(group.offsets.get(slot) ?? log.base, log.base);
        const stored = log.messages[offset - log.base];
        const owner = ownerOf(group, topic, partition);
        if (closing || !stored || !owner) {
          // Leave in the same synchronous step as the last check, so a publish that lands right
          // after it finds no pump and starts a new one.
          group.pumps.delete(slot);
          return;
        }
        const message = { ...stored, offset: String(offset) };
        const delivery = deliverOrDeadLetter({
          message,
          groupId: group.id,
          handler: owner.handler,
          options: { maxAttempts: owner.maxAttempts, retry, onDeadLettered: owner.onDeadLettered },
          publish,
          logger,
        });
        owner.inFlight.add(delivery);
        const outcome = await delivery.finally(() => owner.inFlight.delete(delivery));
        if (!outcome.ok) {
          const error = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
          deadLetters.push({ groupId: group.id, message, error, attempts: outcome.attempts });
        }
        // Committed only now, after the handler resolved (or the message was parked).
        group.offsets.set(slot, offset + 1);
      }
    } catch (err) {
      // Only parking a message can fail; it stays uncommitted and is retried on the next kick.
      group.pumps.delete(slot);
      logger.error({ err, groupId: group.id, topic, partition }, 'delivery failed');
    }
  }

  async function publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (closed) throw new Error('The bus is closed.');
    const touched = new Set<string>();
    for (const message of messages) {
      const partition = partitionFor(message.key);
      const log = logOf(message.topic)[partition]!;
      log.messages.push({
        topic: message.topic,
        key: message.key,
        value: message.value,
        headers: { ...message.headers },
        partition,
      });
      if (log.messages.length > retention) {
        log.messages.shift();
        log.base++;
      }
      touched.add(`${message.topic}/${partition}`);
    }
    for (const slot of touched) {
      const [topic, partition] = splitSlot(slot);
      for (const group of groups.values()) kick(group, topic, partition);
    }
  }

  async function subscribe(subscription: SubscribeOptions): Promise<Subscription> {
    if (closing) throw new Error('The bus is closed.');
    let group = groups.get(subscription.groupId);
    if (!group) {
      group = { id: subscription.groupId, members: [], offsets: new Map(), pumps: new Map() };
      groups.set(group.id, group);
    }
    const member: Member = {
      topics: new Set(subscription.topics),
      handler: subscription.handler,
      maxAttempts: subscription.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      onDeadLettered: subscription.onDeadLettered,
      stopped: false,
      inFlight: new Set(),
    };
    group.members.push(member);
    for (const topic of subscription.topics) {
      logOf(topic).forEach((log, partition) => {
        const slot = `${topic}/${partition}`;
        if (!group.offsets.has(slot)) {
          group.offsets.set(slot, subscription.startAt === 'latest' ? log.base + log.messages.length : log.base);
        }
        kick(group, topic, partition);
      });
    }
    const joined = group;
    return {
      stop: async () => {
        if (member.stopped) return;
        member.stopped = true;
        joined.members = joined.members.filter((m) => m !== member);
        // Finish the messages in hand; each pump then picks another member or ends.
        await Promise.allSettled([...member.inFlight]);
      },
    };
  }

  async function idle(): Promise<void> {
    for (;;) {
      const running = [...groups.values()].flatMap((g) => [...g.pumps.values()]);
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Queue depth: messages past the group's position, per topic it reads. */
  async function lag(groupId: string): Promise<TopicLag[]> {
    const group = groups.get(groupId);
    if (!group) return [];
    const topics = new Set(group.members.flatMap((m) => [...m.topics]));
    return [...topics].map((topic) => ({
      topic,
      lag: logOf(topic).reduce((sum, log, partition) => {
        const end = log.base + log.messages.length;
        const position = Math.max(group.offsets.get(`${topic}/${partition}`) ?? log.base, log.base);
        return sum + Math.max(0, end - position);
      }, 0),
    }));
  }

  return {
    publish,
    subscribe,
    lag,
    idle,
    deadLetters: () => deadLetters,
    close: async () => {
      closing = true;
      await idle();
      closed = true;
    },
  };
}

function splitSlot(slot: string): [string, number] {
  const at = slot.lastIndexOf('/');
  return [slot.slice(0, at), Number(slot.slice(at + 1))];
}
