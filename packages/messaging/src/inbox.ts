/**
 * The inbox: which messages a consumer group has already applied. Delivery is at-least-once, so a
 * consumer records the message id in the same transaction as its effect; a redelivered message
 * finds its id and has no second effect.
 */
import { primaryKey, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { Logger } from '@sbor/core';
import type { Executor, Tx } from '@sbor/db';
import type { Bus, IncomingMessage, Subscription } from './bus.js';
import { parseFact, type Fact } from './contracts.js';
import type { Topic } from './topics.js';

/** The inbox table in a service's own schema; include it in the service's drizzle schema. */
export function inboxTable(schema: PgSchema, name = 'inbox') {
  return schema.table(
    name,
    {
      consumerGroup: text('consumer_group').notNull(),
      messageId: text('message_id').notNull(),
      processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [primaryKey({ columns: [t.consumerGroup, t.messageId] })],
  );
}

export type InboxTable = ReturnType<typeof inboxTable>;

/**
 * Runs `effect` once per (group, message id). The id is inserted first, inside the transaction:
 * a concurrent duplicate waits on the primary key and then finds it taken. If the effect throws,
 * the transaction (id included) rolls back, so a retry runs the effect again.
 * Returns whether the effect ran.
 */
export async function handleOnce(
  db: Executor,
  table: InboxTable,
  group: string,
  messageId: string,
  effect: (tx: Tx) => Promise<void>,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    if (!(await claimInbox(tx, table, group, messageId))) return false;
    await effect(tx);
    return true;
  });
}

/** Records (group, message id) in the caller's transaction; false when it was already there. */
async function claimInbox(tx: Tx, table: InboxTable, group: string, messageId: string): Promise<boolean> {
  const claimed = await tx
    .insert(table)
    .values({ consumerGroup: group, messageId })
    .onConflictDoNothing()
    .returning({ messageId: table.messageId });
  return claimed.length > 0;
}

export type FactHandler<T extends Topic, R = void> = (fact: Fact<T>, tx: Tx, message: IncomingMessage) => Promise<R>;
export type FactHandlers<R = void> = { [T in Topic]?: FactHandler<T, R> };

export interface FactConsumerOptions<R = void> {
  bus: Bus;
  db: Executor;
  inbox: InboxTable;
  groupId: string;
  /** One handler per fact topic consumed; the group subscribes to exactly these topics. */
  handlers: FactHandlers<R>;
  /**
   * Runs once a fact's transaction has committed, with what its handler returned (not for a
   * duplicate): wake a relay, publish live. Never inside the transaction, so nothing is announced
   * that could still roll back. A failure here is logged, not retried: the effect is stored and the
   * inbox would skip a redelivery anyway.
   */
  afterCommit?: (result: R, fact: Fact) => Promise<void> | void;
  logger?: Logger;
  maxAttempts?: number;
  startAt?: 'earliest' | 'latest';
}

/**
 * Subscribes a group to facts: each message is validated (a malformed one is dead-lettered at
 * once) and its handler runs with the inbox, once per fact id, in one transaction.
 */
export function createFactConsumer<R = void>(options: FactConsumerOptions<R>): Promise<Subscription> {
  const { bus, db, inbox, groupId, handlers } = options;
  const topics = (Object.keys(handlers) as Topic[]).filter((topic) => handlers[topic]);
  const handlerOf = (message: IncomingMessage) => handlers[message.topic as Topic] as FactHandler<Topic, R> | undefined;
  const announce = async (applied: readonly { result: R; fact: Fact }[]) => {
    if (!options.afterCommit) return;
    for (const { result, fact } of applied) {
      try {
        await options.afterCommit(result, fact);
      } catch (err) {
        options.logger?.warn({ err, factId: fact.id, topic: fact.event, groupId }, 'after-commit step failed');
      }
    }
  };
  return bus.subscribe({
    groupId,
    topics,
    maxAttempts: options.maxAttempts,
    startAt: options.startAt,
    handler: async (message) => {
      const handler = handlerOf(message);
      if (!handler) return;
      const fact = parseFact(message.topic as Topic, message.value);
      let result: R | undefined;
      const applied = await handleOnce(db, inbox, groupId, fact.id, async (tx) => {
        result = await handler(fact, tx, message);
      });
      if (applied) await announce([{ result: result as R, fact }]);
    },
    // A backlog is applied a batch per transaction, each fact still once through the inbox. Any
    // failure (a malformed fact, a handler error) rolls the batch back, and the bus then sends
    // its messages one by one through `handler`, with retries and dead-lettering.
    batchHandler: async (messages) => {
      const facts = messages.map((message) => ({
        message,
        handler: handlerOf(message),
        fact: parseFact(message.topic as Topic, message.value),
      }));
      const applied: { result: R; fact: Fact }[] = [];
      await db.transaction(async (tx) => {
        for (const { message, handler, fact } of facts) {
          if (handler && (await claimInbox(tx, inbox, groupId, fact.id))) applied.push({ result: await handler(fact, tx, message), fact });
        }
      });
      await announce(applied);
    },
  });
}
