import { randomUUID } from 'node:crypto';
import { createScratchDatabase, databaseOnPostgres, type Database, type ScratchDatabase } from '@sbor/db';
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterHeaders, type Bus, type IncomingMessage, type Subscription } from '../src/bus.js';
import { createFactConsumer } from '../src/inbox.js';
import { enqueue } from '../src/outbox.js';
import { OutboxRelay } from '../src/outbox-relay.js';
import { newKafkaBus, uniqueGroup } from './kafka.js';
import { effects, inbox, outbox } from './schema.js';
import { waitFor } from '@sbor/testing';
import { migrationsFolder, TEST_SCHEMA, testLogger, ticketPurchased } from './support.js';

let scratch: ScratchDatabase;
/** Two pools on one database: two replicas of a service. */
let first: Database;
let second: Database;
let bus: Bus;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('messaging_outbox');
  first = databaseOnPostgres(scratch.url, { applicationName: 'replica-1' });
  second = databaseOnPostgres(scratch.url, { applicationName: 'replica-2' });
  await first.migrate({ migrationsFolder, schema: TEST_SCHEMA });
  bus = newKafkaBus();
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.stop()));
  await bus?.close();
  await first?.close();
  await second?.close();
  await scratch?.drop();
});

const relayFor = (database: Database, relayBus: Bus = bus, batchSize = 100) =>
  new OutboxRelay({ db: database.db, table: outbox, bus: relayBus, logger: testLogger, batchSize });

/** Records what arrives on a topic for this test's keys, in a fresh group starting at the end. */
async function observe(topic: string, keys: Set<string>) {
  const seen: IncomingMessage[] = [];
  subscriptions.push(
    await bus.subscribe({
      groupId: uniqueGroup('observer'),
      topics: [topic],
      startAt: 'latest',
      handler: async (m) => {
        if (m.key && keys.has(m.key)) seen.push(m);
      },
    }),
  );
  return seen;
}

/** A notifications-like consumer: one effect row per applied ticket.purchased fact of `eventId`. */
async function consumeWithInbox(eventId: string): Promise<string> {
  const groupId = uniqueGroup('inbox');
  subscriptions.push(
    await createFactConsumer({
      bus,
      db: first.db,
      inbox,
      groupId,
      startAt: 'latest',
      handlers: {
        'ticket.purchased': async (fact, tx) => {
          if (fact.data.event_id !== eventId) return;
          await tx.insert(effects).values({ factId: fact.id, consumer: 'notifications' });
        },
      },
    }),
  );
  return groupId;
}

const effectCounts = async (factIds: string[]) => {
  const rows = await first.db.select().from(effects).where(inArray(effects.factId, factIds));
  return Object.fromEntries(factIds.map((id) => [id, rows.filter((r) => r.factId === id).length]));
};

describe('OutboxRelay with Kafka and PostgreSQL', () => {
  it('publishes outbox rows to Kafka, and an inbox consumer applies each fact once even when it is redelivered', async () => {
    const eventId = randomUUID();
    await consumeWithInbox(eventId);
    // One key for all: one partition, so the last fact arriving means the ones before it did too.
    const facts = Array.from({ length: 3 }, () => ticketPurchased({ event_id: eventId }));
    await first.db.transaction(async (tx) => {
      for (const fact of facts) await enqueue(tx, outbox, fact, eventId);
    });
    const relay = relayFor(first);
    expect(await relay.drain()).toEqual({ sent: 3, failed: 0 });
    await waitFor(async () => Object.values(await effectCounts(facts.map((f) => f.id))).every((n) => n === 1), 20_000, 'effects');

    // A relay that crashed after the broker's ack but before marking the rows: once its lease
    // runs out, the rows are published again.
    await first.db
      .update(outbox)
      .set({ sentAt: null, nextAttemptAt: new Date(Date.now() - 1000) })
      .where(inArray(outbox.id, [facts[0]!.id, facts[1]!.id]));
    const sentinel = ticketPurchased({ event_id: eventId });
    await first.db.transaction((tx) => enqueue(tx, outbox, sentinel, eventId));
    expect(await relay.drain()).toEqual({ sent: 3, failed: 0 });
    await waitFor(async () => (await effectCounts([sentinel.id]))[sentinel.id] === 1, 20_000, 'sentinel effect');

    expect(await effectCounts([...facts, sentinel].map((f) => f.id))).toEqual(
      Object.fromEntries([...facts, sentinel].map((f) => [f.id, 1])),
    );
  }, 30_000);

  it('parks a malformed fact in the .dlq topic with its error, and the consumer moves on', async () => {
    const eventId = randomUUID();
    const parked = await observe('ticket.purchased.dlq', new Set([eventId]));
    const groupId = await consumeWithInbox(eventId);
    const poisonId = randomUUID();
    const healthy = ticketPurchased({ event_id: eventId });
    await first.db.transaction(async (tx) => {
      // A producer bug: a row whose payload is not a valid fact. It must not block the key.
      await tx.insert(outbox).values({ id: poisonId, topic: 'ticket.purchased', key: eventId, payload: '{"id":"nope"}' });
      await enqueue(tx, outbox, healthy, eventId);
    });
    expect(await relayFor(first).drain()).toEqual({ sent: 2, failed: 0 });

    await waitFor(async () => (await effectCounts([healthy.id]))[healthy.id] === 1, 20_000, 'healthy fact applied');
    // Every group reading the topic parks it once; earlier tests' consumers are still running.
    const ours = () => parked.filter((m) => m.headers[DeadLetterHeaders.groupId] === groupId);
    await waitFor(() => ours().length > 0, 20_000, 'dead letter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]).toMatchObject({ topic: 'ticket.purchased.dlq', key: eventId, value: '{"id":"nope"}' });
    expect(ours()[0]!.headers).toMatchObject({
      [DeadLetterHeaders.errorName]: 'MalformedFactError',
      [DeadLetterHeaders.attempts]: '1',
      [DeadLetterHeaders.originalTopic]: 'ticket.purchased',
    });
  }, 30_000);

  it('never publishes one row twice when two relays on separate connections run at once', async () => {
    const eventIds = Array.from({ length: 6 }, () => randomUUID());
    const observed = await observe('ticket.purchased', new Set(eventIds));
    const facts = Array.from({ length: 60 }, (_, i) => ({ fact: ticketPurchased({ event_id: eventIds[i % 6]! }), key: eventIds[i % 6]! }));
    await first.db.transaction(async (tx) => {
      for (const { fact, key } of facts) await enqueue(tx, outbox, fact, key);
    });

    const publishedBy: Record<string, string[]> = { first: [], second: [] };
    const slowRecordingBus = (name: string): Bus => ({
      ...bus,
      publish: async (messages) => {
        publishedBy[name]!.push(...messages.map((m) => JSON.parse(m.value).id as string));
        await new Promise((resolve) => setTimeout(resolve, 20)); // keep batches overlapping
        await bus.publish(messages);
      },
    });
    const relays = [relayFor(first, slowRecordingBus('first'), 5), relayFor(second, slowRecordingBus('second'), 5)];
    // A drain stops at a short batch; rows held back behind the other relay's lease on an older row
    // of their key are due once it is sent, so drain until neither relay finds anything.
    while ((await Promise.all(relays.map((r) => r.drain()))).some((r) => r.sent > 0));

    const published = [...publishedBy.first!, ...publishedBy.second!];
    expect(publishedBy.first!.length).toBeGreaterThan(0);
    expect(publishedBy.second!.length).toBeGreaterThan(0);
    expect(published.sort()).toEqual(facts.map((f) => f.fact.id).sort());
    expect(
      await first.db
        .select({ n: sql<number>`count(*)::int` })
        .from(outbox)
        .where(isNull(outbox.sentAt)),
    ).toEqual([{ n: 0 }]);

    await waitFor(() => observed.length >= 60, 20_000, 'all 60 on the topic');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = observed.map((m) => JSON.parse(m.value).id as string);
    expect(new Set(ids).size).toBe(60);
    expect(ids).toHaveLength(60);
  }, 30_000);

  it('counts a row as sent only once the broker acked it', async () => {
    const fact = ticketPurchased();
    await first.db.transaction((tx) => enqueue(tx, outbox, fact, fact.data.event_id));
    const down: Bus = { ...bus, publish: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9092')) };
    expect(await relayFor(first, down).drain()).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await first.db.select().from(outbox).where(eq(outbox.id, fact.id));
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: 'connect ECONNREFUSED 127.0.0.1:9092' });
  }, 30_000);
});
