import { randomUUID } from 'node:crypto';
import { createServiceMetrics } from '@sbor/core';
import { createScratchDatabase, databaseOnPostgres, type Database, type ScratchDatabase } from '@sbor/db';
import { waitFor } from '@sbor/testing';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bus, Subscription } from '../src/bus.js';
import type { Fact } from '../src/contracts.js';
import { createFactConsumer } from '../src/inbox.js';
import { pipelineMetrics } from '../src/metrics.js';
import { enqueue } from '../src/outbox.js';
import { OutboxRelay } from '../src/outbox-relay.js';
import { newKafkaBus, uniqueGroup } from './kafka.js';
import { effects, inbox, outbox } from './schema.js';
import { migrationsFolder, TEST_SCHEMA, testLogger, ticketPurchased } from './support.js';

let scratch: ScratchDatabase;
let database: Database;
let bus: Bus;
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('messaging_batches');
  database = databaseOnPostgres(scratch.url);
  await database.migrate({ migrationsFolder, schema: TEST_SCHEMA });
  bus = newKafkaBus();
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.stop()));
  await bus?.close();
  await database?.close();
  await scratch?.drop();
});

describe('a fact consumer behind the outbox relay (real Kafka and PostgreSQL)', () => {
  it('applies a backlog a batch per transaction, each fact once, and times every hop from the relay stamps', async () => {
    const eventId = randomUUID();
    const metrics = createServiceMetrics('notifications');
    const batches: string[][] = [];
    let holdFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (holdFirst = resolve));
    let releaseFirst!: () => void;
    const released = new Promise<void>((resolve) => (releaseFirst = resolve));
    let first: string | undefined;
    subscriptions.push(
      await createFactConsumer<string, string[]>({
        bus,
        db: database.db,
        inbox,
        groupId: uniqueGroup('batches'),
        startAt: 'latest',
        handlers: {
          'ticket.purchased': async (fact, tx) => {
            if (fact.data.event_id !== eventId) return '';
            // The first fact holds its transaction until the backlog behind it is in Kafka.
            if ((first ??= fact.id) === fact.id) {
              holdFirst();
              await released;
            }
            await tx.insert(effects).values({ factId: fact.id, consumer: 'notifications' });
            return fact.id;
          },
        },
        complete: async (applied) => applied.map((a) => a.result).filter(Boolean),
        afterCommit: (ids) => void (ids.length > 0 && batches.push(ids)),
        metrics: pipelineMetrics(metrics),
        logger: testLogger,
      }),
    );
    // One key: one partition, so the backlog queues up behind the first fact.
    const write = async (facts: Fact[]) => {
      await database.db.transaction(async (tx) => {
        for (const fact of facts) await enqueue(tx, outbox, fact, eventId);
      });
      await new OutboxRelay({ db: database.db, table: outbox, bus, logger: testLogger }).drain();
    };
    const head = ticketPurchased({ event_id: eventId });
    await write([head]);
    await firstHeld;
    const backlog = Array.from({ length: 30 }, () => ticketPurchased({ event_id: eventId }));
    await write(backlog);
    releaseFirst();

    const all = [head, ...backlog].map((f) => f.id);
    await waitFor(
      async () => (await database.db.select().from(effects).where(inArray(effects.factId, all))).length === all.length,
      20_000,
      'every effect',
    );
    await waitFor(() => batches.flat().length === all.length, 5_000, 'every announcement');

    expect((await database.db.select().from(effects).where(inArray(effects.factId, all))).map((e) => e.factId).sort()).toEqual(
      [...all].sort(),
    );
    // In order, each once, and the backlog in fewer transactions than facts.
    expect(batches.flat()).toEqual(all);
    expect(batches.length).toBeLessThan(all.length);
    expect(Math.max(...batches.map((b) => b.length))).toBeGreaterThan(1);
    // The relay's stamps crossed Kafka: the consumer timed how long each fact took to reach it.
    expect(await metrics.text()).toMatch(
      /^sbor_consumer_receive_delay_seconds_count\{[^}]*topic="ticket.purchased"[^}]*\} (3[1-9]|[4-9]\d|\d{3,})$/m,
    );
  }, 30_000);
});
