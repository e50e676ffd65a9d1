/**
 * The transactional outbox: a fact is written as a row in the same transaction as the state
 * change it describes, and a relay publishes the rows afterwards. Either both the change and the
 * fact are stored or neither is; the relay makes publication at-least-once (consumers dedupe).
 */
import { and, asc, count, eq, gt, inArray, isNull, lt, lte, min, notExists, sql } from 'drizzle-orm';
import { alias, bigint, getTableConfig, index, integer, jsonb, text, timestamp, uuid, type PgSchema } from 'drizzle-orm/pg-core';
import { contextFromHeaders, endSpan, SERVICE_ATTRIBUTE, spanHeaders, startSpan, traceHeaders, tracingOn, type Span } from '@sbor/core';
import type { Db, Executor } from '@sbor/db';
import { TraceHeaders, type Bus } from './bus.js';
import type { Fact } from './contracts.js';
import type { PipelineMetrics } from './metrics.js';

/**
 * The outbox table in a service's own schema. Include it in the service's drizzle schema so
 * drizzle-kit generates its migration.
 */
export function outboxTable(schema: PgSchema, name = 'outbox') {
  return schema.table(
    name,
    {
      /** The fact's envelope id, so a row and the message it became are one thing. */
      id: uuid('id').primaryKey(),
      /**
       * Insertion order. Rows written by one transaction share `created_at` (now() is the
       * transaction's start), so per-key order needs a sequence.
       */
      seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
      topic: text('topic').notNull(),
      key: text('key').notNull(),
      /** The exact JSON that is published, kept as text so it goes out byte for byte. */
      payload: text('payload').notNull(),
      /**
       * Headers the message goes out with besides the relay's stamps: the W3C trace context of the
       * transaction that wrote the row (tracing on), so the relay, running later and elsewhere,
       * publishes in the trace that made the fact. Null otherwise.
       */
      headers: jsonb('headers').$type<Record<string, string>>(),
      createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
      sentAt: timestamp('sent_at', { withTimezone: true }),
      attempts: integer('attempts').notNull().default(0),
      lastError: text('last_error'),
      nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    },
    // Sent rows pile up; the relay only ever looks at the few unsent ones.
    (t) => [
      index(`${name}_unsent_idx`)
        .on(t.seq)
        .where(sql`${t.sentAt} is null`),
    ],
  );
}

export type OutboxTable = ReturnType<typeof outboxTable>;

/**
 * The outbox row that publishes `fact` under `key`, for callers that insert rows in their own
 * statement. Made inside the writing transaction, it takes that moment's trace context along.
 */
export const outboxRow = (fact: Fact, key: string) => {
  const headers = traceHeaders();
  return { id: fact.id, topic: fact.event, key, payload: JSON.stringify(fact), ...(headers ? { headers } : {}) };
};

/** Adds a fact to the outbox. Pass the caller's transaction: the fact commits with the change. */
export async function enqueue(tx: Executor, table: OutboxTable, fact: Fact, key: string): Promise<string> {
  await tx.insert(table).values(outboxRow(fact, key));
  return fact.id;
}

export interface OutboxBacklog {
  unsent: number;
  /** Age of the oldest unsent row, in seconds; 0 when there is none. */
  oldestAgeSeconds: number;
}

/** Unsent rows and how long the oldest has waited: the relay's health, for metrics. */
export async function outboxBacklog(db: Executor, table: OutboxTable): Promise<OutboxBacklog> {
  const [row] = await db
    .select({ unsent: count(), oldest: min(table.createdAt) })
    .from(table)
    .where(isNull(table.sentAt));
  const oldest = row?.oldest ? new Date(row.oldest).getTime() : undefined;
  return {
    unsent: row?.unsent ?? 0,
    oldestAgeSeconds: oldest === undefined ? 0 : Math.max(0, (Date.now() - oldest) / 1000),
  };
}

export interface RelayBackoff {
  initialMs: number;
  maxMs: number;
}

export interface BatchResult {
  sent: number;
  failed: number;
  error?: unknown;
}

/**
 * Publishes one batch of due rows. It claims them first in one statement (`FOR UPDATE SKIP
 * LOCKED` and a lease on `next_attempt_at`, so another replica's relay takes other rows), then
 * publishes with no transaction open, and marks them sent only after the broker's ack. Each
 * message carries `TraceHeaders`: when its row was written and when it was published. No
 * transaction waits on the broker: a slow or absent Kafka holds no row locks, and the embedded bus
 * (which writes to the same single-connection PGlite) can store the messages. If publishing fails
 * the rows stay unsent, with the error and a backoff recorded; if the relay dies holding a lease,
 * the rows are due again when it runs out (consumers deduplicate the rare second copy).
 */
export async function relayBatch(
  db: Db,
  table: OutboxTable,
  bus: Bus,
  options: { batchSize: number; backoff: RelayBackoff; leaseMs?: number; metrics?: PipelineMetrics },
): Promise<BatchResult> {
  const leaseMs = options.leaseMs ?? 30_000;
  const { metrics } = options;
  // Claimed in one autocommit statement: the row locks last only while it runs, and a commit
  // waits on no round trip to this process.
  const claimed = await db
    .update(table)
    .set({ nextAttemptAt: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(inArray(table.id, selectDue(db, table, options.batchSize)))
    .returning({
      id: table.id,
      seq: table.seq,
      topic: table.topic,
      key: table.key,
      payload: table.payload,
      headers: table.headers,
      createdAt: table.createdAt,
    });
  // RETURNING promises no order; per-key order is the outbox's.
  const rows = claimed.sort((a, b) => a.seq - b.seq);
  if (rows.length === 0) return { sent: 0, failed: 0 };
  const publishedAt = Date.now();
  for (const row of rows) metrics?.relayClaimed(row.topic, Math.max(0, publishedAt - row.createdAt.getTime()) / 1000);
  const spans = rows.map((row) => relaySpan(table, row));
  try {
    await bus.publish(
      rows.map((r, i) => ({
        topic: r.topic,
        key: r.key,
        value: r.payload,
        headers: {
          ...r.headers,
          ...spanHeaders(spans[i]),
          [TraceHeaders.writtenAt]: String(r.createdAt.getTime()),
          [TraceHeaders.publishedAt]: String(publishedAt),
        },
      })),
    );
    metrics?.published((Date.now() - publishedAt) / 1000, rows.length);
    for (const span of spans) endSpan(span);
  } catch (error) {
    for (const span of spans) endSpan(span, error);
    const { initialMs, maxMs } = options.backoff;
    const delayMs = sql`least(${initialMs}::float8 * power(2, ${table.attempts}), ${maxMs}::float8)`;
    await db
      .update(table)
      .set({
        attempts: sql`${table.attempts} + 1`,
        lastError: error instanceof Error ? error.message : String(error),
        nextAttemptAt: sql`now() + ${delayMs} * interval '1 millisecond'`,
      })
      .where(inBatch(table, rows));
    return { sent: 0, failed: rows.length, error };
  }
  await db
    .update(table)
    .set({ sentAt: sql`now()`, attempts: sql`${table.attempts} + 1`, lastError: null })
    .where(inBatch(table, rows));
  return { sent: rows.length, failed: 0 };
}

const serviceOfTable = new WeakMap<OutboxTable, string>();

/**
 * The relay's span for one row: a child of the transaction that wrote it (its stored trace
 * context), so the purchase's trace goes on through the relay to the consumers. None when tracing
 * is off or the row was written outside a trace.
 */
function relaySpan(table: OutboxTable, row: { id: string; topic: string; headers: Record<string, string> | null }): Span | undefined {
  if (!row.headers || !tracingOn()) return undefined;
  let service = serviceOfTable.get(table);
  if (service === undefined) serviceOfTable.set(table, (service = getTableConfig(table).schema ?? 'public'));
  return startSpan(`outbox relay ${row.topic}`, {
    parent: contextFromHeaders(row.headers),
    attributes: { [SERVICE_ATTRIBUTE]: service, 'messaging.destination.name': row.topic, 'messaging.message.id': row.id },
  });
}

const inBatch = (table: OutboxTable, rows: readonly { id: string }[]) =>
  sql`${table.id} in (${sql.join(
    rows.map((r) => sql`${r.id}`),
    sql`, `,
  )})`;

/**
 * Ids of unsent rows that are due, oldest first, locked for the statement that claims them. A row
 * waits while an older row with the same topic and key is backing off or leased (in flight in a
 * batch of this relay or another): consumers rely on per-key order (a ticket's `purchased` before
 * its `cancelled`).
 */
function selectDue(db: Executor, table: OutboxTable, limit: number) {
  const older = alias(table, 'older');
  const olderSameKeyBackingOff = db
    .select({ one: sql`1` })
    .from(older)
    .where(
      and(
        isNull(older.sentAt),
        eq(older.topic, table.topic),
        eq(older.key, table.key),
        lt(older.seq, table.seq),
        gt(older.nextAttemptAt, sql`now()`),
      ),
    );
  return db
    .select({ id: table.id })
    .from(table)
    .where(and(isNull(table.sentAt), lte(table.nextAttemptAt, sql`now()`), notExists(olderSameKeyBackingOff)))
    .orderBy(asc(table.seq))
    .limit(limit)
    .for('update', { skipLocked: true });
}
