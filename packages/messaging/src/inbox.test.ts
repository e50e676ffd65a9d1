import type { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { createServiceMetrics } from '@sbor/core';
import { databaseOnPglite, openEmbeddedPostgres, type Db, type Tx } from '@sbor/db';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TraceHeaders, type Bus, type IncomingMessage, type SubscribeOptions } from './bus.js';
import type { Fact } from './contracts.js';
import { createFactConsumer, handleOnce } from './inbox.js';
import { createMemoryBus } from './memory-bus.js';
import { pipelineMetrics } from './metrics.js';
import { effects, inbox } from '../test/schema.js';
import { migrationsFolder, TEST_SCHEMA, testLogger, ticketPurchased } from '../test/support.js';

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
  await db.delete(inbox);
  await db.delete(effects);
});

const effectsFor = (factId: string) => db.select().from(effects).where(eq(effects.factId, factId));

describe('handleOnce', () => {
  it('runs the effect once for one message id, however often it is delivered', async () => {
    const id = randomUUID();
    const apply = async (tx: Tx) => {
      await tx.insert(effects).values({ factId: id, consumer: 'test' });
    };

    expect(await handleOnce(db, inbox, 'notifications', id, apply)).toBe(true);
    expect(await handleOnce(db, inbox, 'notifications', id, apply)).toBe(false);
    expect(await effectsFor(id)).toHaveLength(1);
  });

  it('records nothing when the effect throws, so a retry runs it again', async () => {
    const id = randomUUID();
    await expect(
      handleOnce(db, inbox, 'notifications', id, async (tx) => {
        await tx.insert(effects).values({ factId: id, consumer: 'test' });
        throw new Error('smtp down');
      }),
    ).rejects.toThrow('smtp down');
    expect(await db.select().from(inbox)).toEqual([]);
    expect(await effectsFor(id)).toEqual([]);

    const ran = await handleOnce(db, inbox, 'notifications', id, async (tx) => {
      await tx.insert(effects).values({ factId: id, consumer: 'test' });
    });
    expect(ran).toBe(true);
    expect(await effectsFor(id)).toHaveLength(1);
  });

  it('keeps ids per consumer group: another group still applies the message', async () => {
    const id = randomUUID();
    let runs = 0;
    await handleOnce(db, inbox, 'notifications', id, async () => void runs++);
    await handleOnce(db, inbox, 'analytics', id, async () => void runs++);
    expect(runs).toBe(2);
  });
});

describe('createFactConsumer', () => {
  const fast = { initialDelayMs: 1, maxDelayMs: 5 };

  it('applies a fact once even when the same envelope is delivered twice', async () => {
    const bus = createMemoryBus({ retry: fast, logger: testLogger });
    const fact = ticketPurchased();
    const seen: string[] = [];
    await createFactConsumer({
      bus,
      db,
      inbox,
      groupId: 'notifications',
      handlers: {
        'ticket.purchased': async (received, tx) => {
          seen.push(received.data.ticket_id);
          await tx.insert(effects).values({ factId: received.id, consumer: 'notifications' });
        },
      },
    });
    const message = { topic: 'ticket.purchased', key: fact.data.ticket_id, value: JSON.stringify(fact) };
    await bus.publish([message]);
    await bus.publish([message]);
    await bus.idle();
    await bus.close();

    expect(seen).toEqual([fact.data.ticket_id]);
    expect(await effectsFor(fact.id)).toHaveLength(1);
  });

  it('runs afterCommit with the handler result once per applied fact, never for a duplicate or a failed attempt', async () => {
    const bus = createMemoryBus({ retry: fast, logger: testLogger });
    const fact = ticketPurchased();
    let attempts = 0;
    const announced: { result: string; committed: number }[] = [];
    await createFactConsumer<string>({
      bus,
      db,
      inbox,
      groupId: 'notifications',
      handlers: {
        'ticket.purchased': async (received, tx) => {
          await tx.insert(effects).values({ factId: received.id, consumer: 'notifications' });
          if (++attempts === 1) throw new Error('first attempt fails');
          return received.data.ticket_id;
        },
      },
      afterCommit: async (applied) => {
        for (const { result, fact: received } of applied) announced.push({ result, committed: (await effectsFor(received.id)).length });
      },
    });
    const message = { topic: 'ticket.purchased', key: fact.data.ticket_id, value: JSON.stringify(fact) };
    await bus.publish([message]);
    await bus.publish([message]);
    await bus.idle();
    await bus.close();

    // The effect was visible when the hook ran: it runs after commit, not inside the transaction.
    expect(announced).toEqual([{ result: fact.data.ticket_id, committed: 1 }]);
  });

  it('retries a failed effect and applies it once', async () => {
    const bus = createMemoryBus({ retry: fast, logger: testLogger });
    const fact = ticketPurchased();
    let calls = 0;
    await createFactConsumer({
      bus,
      db,
      inbox,
      groupId: 'notifications',
      handlers: {
        'ticket.purchased': async (received, tx) => {
          await tx.insert(effects).values({ factId: received.id, consumer: 'notifications' });
          if (++calls === 1) throw new Error('redis timeout');
        },
      },
    });
    await bus.publish([{ topic: 'ticket.purchased', key: 'k', value: JSON.stringify(fact) }]);
    await bus.idle();
    await bus.close();

    expect(calls).toBe(2);
    expect(await effectsFor(fact.id)).toHaveLength(1);
  });

  it('dead-letters a malformed fact at once, without calling the handler', async () => {
    const bus = createMemoryBus({ retry: fast, logger: testLogger });
    let calls = 0;
    await createFactConsumer({
      bus,
      db,
      inbox,
      groupId: 'notifications',
      handlers: { 'ticket.purchased': async () => void calls++ },
    });
    await bus.publish([{ topic: 'ticket.purchased', key: 'k', value: '{"event":"ticket.purchased"}' }]);
    await bus.idle();
    await bus.close();

    expect(calls).toBe(0);
    expect(bus.deadLetters()).toMatchObject([{ attempts: 1, error: expect.stringMatching(/^Malformed ticket\.purchased fact/) }]);
    expect(await db.select().from(inbox)).toEqual([]);
  });
});

describe('createFactConsumer, a batch at a time', () => {
  /** A bus that hands the test the subscription, so it can deliver a batch as Kafka's consumer does. */
  async function subscribed(options: Omit<Parameters<typeof createFactConsumer<string, string[]>>[0], 'bus' | 'db' | 'inbox'>) {
    let subscription: SubscribeOptions | undefined;
    const bus: Bus = {
      publish: async () => {},
      subscribe: async (o) => {
        subscription = o;
        return { stop: async () => {} };
      },
      close: async () => {},
    };
    await createFactConsumer<string, string[]>({ bus, db, inbox, ...options });
    return subscription!;
  }

  const messageOf = (fact: Fact, offset: number, publishedAt?: number): IncomingMessage => ({
    topic: fact.event,
    key: 'k',
    value: JSON.stringify(fact),
    headers: publishedAt === undefined ? {} : { [TraceHeaders.publishedAt]: String(publishedAt) },
    partition: 0,
    offset: String(offset),
  });

  const effectsOf = async (ids: string[]) => (await db.select().from(effects).where(inArray(effects.factId, ids))).map((e) => e.factId);

  it('applies the batch in one transaction, each fact once, and announces it once after commit', async () => {
    const [old, a, b] = [ticketPurchased(), ticketPurchased(), ticketPurchased()];
    await handleOnce(db, inbox, 'notifications', old.id, async () => {});
    const metrics = createServiceMetrics('notifications');
    const completed: { ids: string[]; visibleInside: number }[] = [];
    const announced: string[][] = [];
    const subscription = await subscribed({
      groupId: 'notifications',
      handlers: {
        'ticket.purchased': async (fact, tx) => {
          await tx.insert(effects).values({ factId: fact.id, consumer: 'notifications' });
          return fact.id;
        },
      },
      // Inside the transaction: it sees the handlers' rows before anyone else can.
      complete: async (applied, tx) => {
        const ids = applied.map((x) => x.result);
        const inside = await tx.select().from(effects).where(inArray(effects.factId, ids));
        completed.push({ ids, visibleInside: inside.length });
        return ids;
      },
      afterCommit: async (ids) => {
        announced.push(ids);
        // After commit: visible to everyone.
        expect(await effectsOf(ids)).toHaveLength(ids.length);
      },
      metrics: pipelineMetrics(metrics),
    });

    // `a` twice in one batch (a relay published it again), `old` applied before.
    await subscription.batchHandler!([a, old, b, a].map((fact, i) => messageOf(fact, i, Date.now() - 40)));

    expect(completed).toEqual([{ ids: [a.id, b.id], visibleInside: 2 }]);
    expect(announced).toEqual([[a.id, b.id]]);
    expect((await effectsOf([old.id, a.id, b.id])).sort()).toEqual([a.id, b.id].sort());
    const text = await metrics.text();
    expect(text).toMatch(/^sbor_consumer_transaction_facts_sum\{[^}]*\} 4$/m);
    expect(text).toMatch(/^sbor_consumer_transaction_seconds_count\{[^}]*\} 1$/m);
    expect(text).toMatch(/^sbor_consumer_receive_delay_seconds_count\{[^}]*topic="ticket.purchased"[^}]*\} 4$/m);
  });

  it('rolls the whole batch back when one fact fails, so the bus can deliver its messages one by one', async () => {
    const [a, b] = [ticketPurchased(), ticketPurchased()];
    const announced: string[][] = [];
    const subscription = await subscribed({
      groupId: 'notifications',
      handlers: {
        'ticket.purchased': async (fact, tx) => {
          await tx.insert(effects).values({ factId: fact.id, consumer: 'notifications' });
          if (fact.id === b.id) throw new Error('handler failed');
          return fact.id;
        },
      },
      complete: async (applied) => applied.map((x) => x.result),
      afterCommit: (ids) => void announced.push(ids),
    });

    await expect(subscription.batchHandler!([a, b].map((fact, i) => messageOf(fact, i)))).rejects.toThrow('handler failed');

    expect(await effectsOf([a.id, b.id])).toEqual([]);
    expect(await db.select().from(inbox)).toEqual([]);
    expect(announced).toEqual([]);
    // One by one, the good one goes through.
    await subscription.handler(messageOf(a, 0));
    expect(await effectsOf([a.id])).toEqual([a.id]);
    expect(announced).toEqual([[a.id]]);
  });
});
