import type { PGlite } from '@electric-sql/pglite';
import { databaseOnPglite, openEmbeddedPostgres, type Db } from '@sbor/db';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServiceMetrics } from '@sbor/core';
import { enqueue, outboxBacklog } from './outbox.js';
import { TraceHeaders, type Bus } from './bus.js';
import { pipelineMetrics } from './metrics.js';
import { OutboxRelay, type OutboxRelayOptions } from './outbox-relay.js';
import { outbox } from '../test/schema.js';
import { controlledBus, migrationsFolder, recordingBus, TEST_SCHEMA, testLogger, ticketPurchased } from '../test/support.js';
import { waitFor } from '@sbor/testing';

/** Long enough that a loaded machine does not reach it between two steps of a test. */
const BACKOFF_MS = 400;
const afterBackoff = () => new Promise((resolve) => setTimeout(resolve, BACKOFF_MS + 50));

let client: PGlite;
let db: Db;

beforeAll(async () => {
  client = await openEmbeddedPostgres();
  const database = databaseOnPglite(client);
  await database.migrate({ migrationsFolder, schema: TEST_SCHEMA });
  db = database.db;
});

afterAll(async () => {
  await client?.close();
});

beforeEach(async () => {
  await db.delete(outbox);
});

const rows = () => db.select().from(outbox).orderBy(asc(outbox.seq));

async function enqueueOne(key = 'ticket-1') {
  const fact = ticketPurchased();
  await db.transaction((tx) => enqueue(tx, outbox, fact, key));
  return fact;
}

const relayOn = (bus: Bus, more: Partial<OutboxRelayOptions> = {}) =>
  new OutboxRelay({ db, table: outbox, bus, logger: testLogger, backoff: { initialMs: BACKOFF_MS, maxMs: 10 * BACKOFF_MS }, ...more });

describe('enqueue', () => {
  it('writes the fact as the row payload, keyed by the aggregate id', async () => {
    const fact = await enqueueOne('ticket-9');
    const [row] = await rows();
    expect(row).toMatchObject({ id: fact.id, topic: 'ticket.purchased', key: 'ticket-9', sentAt: null, attempts: 0 });
    expect(JSON.parse(row!.payload)).toEqual(fact);
  });

  it('leaves no row when the surrounding transaction rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await enqueue(tx, outbox, ticketPurchased(), 'ticket-1');
        throw new Error('sold out');
      }),
    ).rejects.toThrow('sold out');
    expect(await rows()).toEqual([]);
  });
});

describe('OutboxRelay', () => {
  it('publishes unsent rows in insertion order and marks them sent', async () => {
    const facts = [];
    for (let i = 0; i < 5; i++) facts.push(await enqueueOne(`ticket-${i}`));
    const { bus, published } = recordingBus();

    expect(await relayOn(bus).drain()).toEqual({ sent: 5, failed: 0 });

    expect(published.map((m) => JSON.parse(m.value).id)).toEqual(facts.map((f) => f.id));
    expect(published[0]).toMatchObject({ topic: 'ticket.purchased', key: 'ticket-0' });
    for (const row of await rows()) expect(row.sentAt).toBeInstanceOf(Date);
    expect(await relayOn(bus).drain()).toEqual({ sent: 0, failed: 0 });
    expect(published).toHaveLength(5);
  });

  it('keeps the order of facts written in one transaction', async () => {
    const facts = Array.from({ length: 20 }, () => ticketPurchased());
    await db.transaction(async (tx) => {
      for (const fact of facts) await enqueue(tx, outbox, fact, 'ticket-1');
    });
    const { bus, published } = recordingBus();
    await relayOn(bus, { batchSize: 7 }).drain();
    expect(published.map((m) => JSON.parse(m.value).id)).toEqual(facts.map((f) => f.id));
  });

  it('marks rows sent only after the broker acked them, holding no transaction while it waits', async () => {
    await enqueueOne();
    const { bus, calls } = controlledBus();
    const draining = relayOn(bus).drain();
    await waitFor(() => calls.length === 1, 2000, 'publish');
    // PGlite has one connection: this read would wait forever if the relay held a transaction open.
    expect((await rows())[0]!.sentAt).toBeNull();
    calls[0]!.ack();
    await draining;
    expect((await rows())[0]!.sentAt).toBeInstanceOf(Date);
  });

  it('claims rows with a lease, so a second relay does not publish them while the first waits', async () => {
    await enqueueOne();
    const { bus, calls } = controlledBus();
    const draining = relayOn(bus).drain();
    await waitFor(() => calls.length === 1, 2000, 'publish');
    const other = controlledBus();
    expect(await relayOn(other.bus).drain()).toEqual({ sent: 0, failed: 0 });
    expect(other.calls).toHaveLength(0);
    calls[0]!.ack();
    await draining;
  });

  it('leaves a row unsent when the broker does not ack, recording the error and a backoff', async () => {
    await enqueueOne();
    const { bus, calls } = controlledBus();
    const draining = relayOn(bus).drain();
    await waitFor(() => calls.length === 1, 2000, 'publish');
    calls[0]!.fail(new Error('NOT_ENOUGH_REPLICAS'));

    expect(await draining).toMatchObject({ sent: 0, failed: 1 });
    const [row] = await rows();
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: 'NOT_ENOUGH_REPLICAS' });
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(row!.createdAt.getTime());
  });

  it('retries an unsent row once its backoff has passed, and not before', async () => {
    const fact = await enqueueOne();
    const { bus, published, state } = recordingBus();
    const relay = relayOn(bus);
    state.failing = true;
    expect(await relay.drain()).toMatchObject({ failed: 1 });
    state.failing = false;

    expect(await relay.drain()).toEqual({ sent: 0, failed: 0 });
    await afterBackoff();
    expect(await relay.drain()).toEqual({ sent: 1, failed: 0 });

    expect(published.map((m) => JSON.parse(m.value).id)).toEqual([fact.id]);
    expect((await rows())[0]).toMatchObject({ attempts: 2, lastError: null });
  });

  it('holds back newer rows of a key whose older row is backing off, and lets other keys through', async () => {
    const { bus, published, state } = recordingBus();
    const relay = relayOn(bus);
    const first = await enqueueOne('ticket-1');
    state.failing = true;
    await relay.drain();
    state.failing = false;
    const second = await enqueueOne('ticket-1');
    const other = await enqueueOne('ticket-2');

    await relay.drain();
    expect(published.map((m) => JSON.parse(m.value).id)).toEqual([other.id]);

    await afterBackoff();
    await relay.drain();
    expect(published.map((m) => JSON.parse(m.value).id)).toEqual([other.id, first.id, second.id]);
  });

  it('relays in the background, at once after wake()', async () => {
    const { bus, published } = recordingBus();
    const relay = relayOn(bus, { intervalMs: 60_000 });
    relay.start();
    try {
      await waitFor(async () => (await outboxBacklog(db, outbox)).unsent === 0, 2000, 'first tick');
      await enqueueOne();
      relay.wake();
      await waitFor(() => published.length === 1, 2000, 'publish after wake');
    } finally {
      await relay.stop();
    }
  });

  it('stop() waits for the batch in flight to be acked and marked', async () => {
    await enqueueOne();
    const { bus, calls } = controlledBus();
    const relay = relayOn(bus);
    relay.start();
    await waitFor(() => calls.length === 1, 2000, 'publish');
    let stopped = false;
    const stopping = relay.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped).toBe(false);
    calls[0]!.ack();
    await stopping;
    expect((await rows())[0]!.sentAt).toBeInstanceOf(Date);
  });

  it('stamps each message with when its row was written and when it was published', async () => {
    const before = Date.now();
    await enqueueOne();
    const { bus, published } = recordingBus();
    await relayOn(bus).drain();

    const [row] = await rows();
    const headers = published[0]!.headers!;
    expect(Number(headers[TraceHeaders.writtenAt])).toBe(row!.createdAt.getTime());
    expect(Number(headers[TraceHeaders.publishedAt])).toBeGreaterThanOrEqual(Number(headers[TraceHeaders.writtenAt]));
    expect(Number(headers[TraceHeaders.publishedAt])).toBeGreaterThanOrEqual(before);
    expect(Number(headers[TraceHeaders.publishedAt])).toBeLessThanOrEqual(Date.now());
  });

  it('times the wait for a claim and the publish, per topic', async () => {
    const metrics = createServiceMetrics('tickets');
    await enqueueOne();
    await enqueueOne('ticket-2');
    await relayOn(recordingBus().bus, { metrics: pipelineMetrics(metrics) }).drain();

    const text = await metrics.text();
    expect(text).toMatch(/^sbor_outbox_relay_wait_seconds_count\{[^}]*topic="ticket.purchased"[^}]*\} 2$/m);
    expect(text).toMatch(/^sbor_outbox_publish_seconds_count\{[^}]*\} 1$/m);
    expect(text).toMatch(/^sbor_outbox_publish_messages_sum\{[^}]*\} 2$/m);
  });

  it('claims a commit made while a batch waits for the broker at once, in a second lane', async () => {
    const { bus, calls } = controlledBus();
    const relay = relayOn(bus, { intervalMs: 60_000, lanes: 2 });
    relay.start();
    try {
      const first = await enqueueOne('ticket-1');
      relay.wake();
      await waitFor(() => calls.length === 1, 2000, 'first publish');
      const second = await enqueueOne('ticket-2');
      relay.wake();

      // The first batch is still waiting for its ack: the second went out beside it.
      await waitFor(() => calls.length === 2, 2000, 'second publish while the first waits');
      expect(calls.map((c) => JSON.parse(c.messages[0]!.value).id)).toEqual([first.id, second.id]);
      calls.forEach((c) => c.ack());
    } finally {
      await relay.stop();
    }
  });

  it('never claims a newer row of a key while an older one of that key is in flight', async () => {
    const { bus, calls } = controlledBus();
    const relay = relayOn(bus, { intervalMs: 60_000, lanes: 2 });
    relay.start();
    try {
      const older = await enqueueOne('ticket-1');
      relay.wake();
      await waitFor(() => calls.length === 1, 2000, 'first publish');
      const newer = await enqueueOne('ticket-1');
      relay.wake();
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(calls).toHaveLength(1);

      // No further wake: the one that came while the older row was in flight is enough.
      calls[0]!.ack();
      await waitFor(() => calls.length === 2, 2000, 'the newer row once the older was acked and marked');
      expect(calls.map((c) => JSON.parse(c.messages[0]!.value).id)).toEqual([older.id, newer.id]);
      calls[1]!.ack();
    } finally {
      await relay.stop();
    }
  });

  it('reports the backlog: unsent rows and the age of the oldest', async () => {
    expect(await outboxBacklog(db, outbox)).toEqual({ unsent: 0, oldestAgeSeconds: 0 });
    await db.transaction(async (tx) => {
      await enqueue(tx, outbox, ticketPurchased(), 'a');
      await enqueue(tx, outbox, ticketPurchased(), 'b');
    });
    await db.execute(sql`update ${outbox} set created_at = now() - interval '90 seconds'`);
    const backlog = await relayOn(recordingBus().bus).backlog();
    expect(backlog.unsent).toBe(2);
    expect(backlog.oldestAgeSeconds).toBeGreaterThanOrEqual(89);
    expect(backlog.oldestAgeSeconds).toBeLessThan(120);
  });
});
