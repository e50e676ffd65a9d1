import type { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { databaseOnPglite, openEmbeddedPostgres, type Db } from '@sbor/db';
import { waitFor } from '@sbor/testing';
import { count, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from './outbox.js';
import { OutboxRelay } from './outbox-relay.js';
import { pruneInbox, pruneSentOutbox, startPruner } from './retention.js';
import { inbox, outbox } from '../test/schema.js';
import { migrationsFolder, recordingBus, TEST_SCHEMA, testLogger, ticketPurchased } from '../test/support.js';

let client: PGlite;
let db: Db;

beforeAll(async () => {
  client = await openEmbeddedPostgres();
  const database = databaseOnPglite(client);
  await database.migrate({ migrationsFolder, schema: TEST_SCHEMA });
  db = database.db;
}, 120_000);
afterAll(async () => {
  await client?.close();
});
beforeEach(async () => {
  await db.delete(outbox);
  await db.delete(inbox);
});

const countOf = async (table: typeof outbox | typeof inbox) => (await db.select({ n: count() }).from(table))[0]!.n;
const enqueueMany = (n: number) =>
  db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) await enqueue(tx, outbox, ticketPurchased(), `k${i}`);
  });

describe('retention', () => {
  it('keeps the outbox and the inbox bounded over a long run, and never deletes an unsent row', async () => {
    const { bus, state } = recordingBus();
    const relay = new OutboxRelay({ db, table: outbox, bus, logger: testLogger, retention: false });
    // Tiny retention: anything sent or processed before this run is past it.
    const pruner = startPruner(
      [
        { name: 'outbox', prune: () => pruneSentOutbox(db, outbox, 0, 50) },
        { name: 'inbox', prune: () => pruneInbox(db, inbox, 0, 50) },
      ],
      { intervalMs: 3_600_000, logger: testLogger },
    );
    let peak = 0;
    for (let round = 0; round < 20; round++) {
      await enqueueMany(60);
      await relay.drain();
      await db.insert(inbox).values(Array.from({ length: 60 }, () => ({ consumerGroup: 'g', messageId: randomUUID() })));
      peak = Math.max(peak, await countOf(outbox), await countOf(inbox));
      await pruner.runOnce();
      expect(await countOf(outbox)).toBe(0);
      expect(await countOf(inbox)).toBe(0);
    }
    expect(peak).toBe(60);

    // A row the broker never took stays, however old.
    state.failing = true;
    await enqueueMany(3);
    await relay.drain();
    await db.execute(sql`update ${outbox} set created_at = now() - interval '30 days'`);
    await pruner.runOnce();
    expect((await db.select({ n: count() }).from(outbox).where(isNull(outbox.sentAt)))[0]!.n).toBe(3);
    await pruner.stop();
  });

  it('over 30 days holds only the sent rows and inbox ids inside each window, however many pass through', async () => {
    const { bus } = recordingBus();
    const relay = new OutboxRelay({ db, table: outbox, bus, logger: testLogger, retention: false });
    const DAY = 86_400_000;
    // Half-day windows: every row is a whole number of days old, so none sits on an edge. Batches of
    // 7 make each pass take several statements.
    const pruner = startPruner(
      [
        { name: 'outbox', prune: () => pruneSentOutbox(db, outbox, 2.5 * DAY, 7) },
        { name: 'inbox', prune: () => pruneInbox(db, inbox, 5.5 * DAY, 7) },
      ],
      { intervalMs: DAY, logger: testLogger },
    );
    for (let day = 0; day < 30; day++) {
      await enqueueMany(20);
      await relay.drain();
      await db.insert(inbox).values(Array.from({ length: 20 }, () => ({ consumerGroup: 'g', messageId: randomUUID() })));
      await pruner.runOnce();
      expect(await countOf(outbox)).toBe(20 * Math.min(day + 1, 3));
      expect(await countOf(inbox)).toBe(20 * Math.min(day + 1, 6));
      // A day passes.
      await db.execute(sql`update ${outbox} set created_at = created_at - interval '1 day', sent_at = sent_at - interval '1 day'`);
      await db.execute(sql`update ${inbox} set processed_at = processed_at - interval '1 day'`);
    }
    await pruner.stop();
  });

  it('keeps what is inside the window', async () => {
    await db.insert(inbox).values([
      { consumerGroup: 'g', messageId: 'old', processedAt: new Date(Date.now() - 40 * 24 * 3_600_000) },
      { consumerGroup: 'g', messageId: 'recent' },
    ]);
    expect(await pruneInbox(db, inbox, 30 * 24 * 3_600_000)).toBe(1);
    expect((await db.select({ id: inbox.messageId }).from(inbox)).map((r) => r.id)).toEqual(['recent']);
  });

  it('OutboxRelay prunes its sent rows on its own schedule', async () => {
    const { bus } = recordingBus();
    const relay = new OutboxRelay({ db, table: outbox, bus, logger: testLogger, intervalMs: 50, retention: { sentMs: 0, intervalMs: 50 } });
    await enqueueMany(10);
    relay.start();
    try {
      await waitFor(async () => (await countOf(outbox)) === 0, 15_000, 'sent rows pruned');
    } finally {
      await relay.stop();
    }
  });
});
