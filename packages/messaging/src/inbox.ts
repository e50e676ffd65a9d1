/**
 * The inbox: which messages a consumer group has already applied. Delivery is at-least-once, so a
 * consumer records the message id in the same transaction as its effect; a redelivered message
 * finds its id and has no second effect.
 */
import { sql } from 'drizzle-orm';
import { primaryKey, text, timestamp, type PgSchema } from 'drizzle-orm/pg-core';
import type { Logger } from '@sbor/core';
import { rowsOf, type Executor, type Tx } from '@sbor/db';
import { secondsSinceStamp, TraceHeaders, type Bus, type IncomingMessage, type Subscription } from './bus.js';
import { parseFact, type Fact } from './contracts.js';
import type { PipelineMetrics } from './metrics.js';
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
  return (await claimInboxAll(tx, table, group, [messageId])).has(messageId);
}

/**
 * Records every id of a batch in one statement, in the caller's transaction; returns the ids that
 * were not there yet. Concurrent claims of one id wait on the primary key as single claims do.
 */
async function claimInboxAll(tx: Tx, table: InboxTable, group: string, messageIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(messageIds)];
  if (unique.length === 0) return new Set();
  // The ids travel as one JSON parameter: one prepared statement whatever the batch size.
  const claimed = await tx.execute(sql`
    insert into ${table} (consumer_group, message_id)
    select ${group}, id from jsonb_array_elements_text(${JSON.stringify(unique)}::jsonb) as id
    on conflict do nothing
    returning message_id`);
  return new Set(rowsOf<{ message_id: string }>(claimed).map((row) => row.message_id));
}

export type FactHandler<T extends Topic, R = void> = (fact: Fact<T>, tx: Tx, message: IncomingMessage) => Promise<R>;
export type FactHandlers<R = void> = { [T in Topic]?: FactHandler<T, R> };

/** A fact a consumer transaction applied (not a duplicate), with what its handler returned. */
export interface AppliedFact<R = void> {
  result: R;
  fact: Fact;
  message: IncomingMessage;
}

export interface FactConsumerOptions<R = void, C = readonly AppliedFact<R>[]> {
  bus: Bus;
  db: Executor;
  inbox: InboxTable;
  groupId: string;
  /** One handler per fact topic consumed; the group subscribes to exactly these topics. */
  handlers: FactHandlers<R>;
  /**
   * Optional, inside each transaction once its facts' handlers ran (only when it applied some):
   * finishes what they asked for together, e.g. one insert for the notifications of a whole batch
   * instead of one per fact. What it returns is what `afterCommit` gets; without it, `afterCommit`
   * gets the applied facts.
   */
  complete?: (applied: readonly AppliedFact<R>[], tx: Tx) => Promise<C>;
  /**
   * Runs once per committed transaction that applied facts (never for duplicates alone): wake a
   * relay, publish live. Never inside the transaction, so nothing is announced that could still
   * roll back. Given a whole batch, it can announce a backlog in one round trip. A failure here is
   * logged, not retried: the effects are stored and the inbox would skip a redelivery anyway.
   */
  afterCommit?: (committed: C) => Promise<void> | void;
  logger?: Logger;
  maxAttempts?: number;
  startAt?: 'earliest' | 'latest';
  /** Times each message's wait, each transaction and each after-commit step (`pipelineMetrics`). */
  metrics?: PipelineMetrics;
}

/**
 * Subscribes a group to facts: each message is validated (a malformed one is dead-lettered at
 * once) and its handler runs with the inbox, once per fact id. A backlog is applied a batch per
 * transaction: the inbox claims of the batch in one statement, then each new fact's handler in
 * order, then `complete`, then the commit.
 */
export function createFactConsumer<R = void, C = readonly AppliedFact<R>[]>(options: FactConsumerOptions<R, C>): Promise<Subscription> {
  const { bus, db, inbox, groupId, handlers, metrics } = options;
  const topics = (Object.keys(handlers) as Topic[]).filter((topic) => handlers[topic]);
  const handlerOf = (message: IncomingMessage) => handlers[message.topic as Topic] as FactHandler<Topic, R> | undefined;
  const complete = options.complete ?? (async (applied: readonly AppliedFact<R>[]) => applied as C);
  const received = (messages: readonly IncomingMessage[]) => {
    if (!metrics) return;
    const now = Date.now();
    for (const message of messages) {
      const waited = secondsSinceStamp(message.headers, TraceHeaders.publishedAt, now);
      if (waited !== undefined) metrics.received(groupId, message.topic, waited);
    }
  };
  /** One transaction: the inbox claims and the effects of `facts`, all or nothing. */
  const applyAll = async (facts: readonly { message: IncomingMessage; fact: Fact }[]): Promise<{ committed: C } | undefined> => {
    const started = performance.now();
    const ours = facts.filter(({ message }) => handlerOf(message));
    const committed = await db.transaction(async (tx) => {
      const claimed = await claimInboxAll(
        tx,
        inbox,
        groupId,
        ours.map(({ fact }) => fact.id),
      );
      const applied: AppliedFact<R>[] = [];
      for (const { message, fact } of ours) {
        // A fact twice in one batch (published again by a relay) is claimed once and applied once.
        if (!claimed.delete(fact.id)) continue;
        applied.push({ result: await handlerOf(message)!(fact, tx, message), fact, message });
      }
      return applied.length > 0 ? { committed: await complete(applied, tx) } : undefined;
    });
    metrics?.transaction(groupId, (performance.now() - started) / 1000, ours.length);
    return committed;
  };
  const announce = async (outcome: { committed: C } | undefined, facts: readonly { fact: Fact }[]) => {
    if (!options.afterCommit || !outcome) return;
    const started = performance.now();
    try {
      await options.afterCommit(outcome.committed);
    } catch (err) {
      options.logger?.warn({ err, factIds: facts.map(({ fact }) => fact.id), groupId }, 'after-commit step failed');
    }
    metrics?.afterCommit(groupId, (performance.now() - started) / 1000);
  };
  return bus.subscribe({
    groupId,
    topics,
    maxAttempts: options.maxAttempts,
    startAt: options.startAt,
    handler: async (message) => {
      if (!handlerOf(message)) return;
      received([message]);
      const facts = [{ message, fact: parseFact(message.topic as Topic, message.value) }];
      await announce(await applyAll(facts), facts);
    },
    // Any failure in a batch (a malformed fact, a handler error) rolls it all back, and the bus
    // then sends its messages one by one through `handler`, with retries and dead-lettering.
    batchHandler: async (messages) => {
      received(messages);
      const facts = messages.map((message) => ({ message, fact: parseFact(message.topic as Topic, message.value) }));
      await announce(await applyAll(facts), facts);
    },
  });
}
