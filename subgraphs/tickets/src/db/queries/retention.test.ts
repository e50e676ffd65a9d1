import type { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { databaseOnPglite, openEmbeddedPostgres, type Db } from '@sbor/db';
import { startPruner } from '@sbor/messaging';
import { inbox } from '../outbox.js';
import { webhookDeliveries } from '../payments.js';
import { ticketsRetentionTasks } from './retention.js';

const DAY = 86_400_000;
const PER_DAY = 10;
let client: PGlite;
let db: Db;

beforeAll(async () => {
  client = await openEmbeddedPostgres();
  const database = databaseOnPglite(client);
  await database.migrate({ migrationsFolder: fileURLToPath(new URL('../../../migrations', import.meta.url)), schema: 'tickets' });
  db = database.db;
}, 120_000);
afterAll(async () => {
  await client?.close();
});

const rows = async (table: typeof inbox | typeof webhookDeliveries) => (await db.select({ n: count() }).from(table))[0]!.n;

describe('tickets retention', () => {
  it('keeps the inbox (event.cancelled ids) and applied payment webhooks bounded over 30 days', async () => {
    // A half-day window: every row is a whole number of days old, so none sits on the edge.
    const pruner = startPruner(ticketsRetentionTasks(db, { intervalMs: DAY, inboxMs: 5.5 * DAY }), {
      intervalMs: DAY,
      logger: createLogger('tickets-retention-test', 'silent'),
    });
    for (let day = 0; day < 30; day++) {
      const ids = Array.from({ length: PER_DAY }, () => randomUUID());
      await db.insert(inbox).values(ids.map((messageId) => ({ consumerGroup: 'tickets', messageId })));
      await db.insert(webhookDeliveries).values(ids.map((eventId) => ({ provider: 'STRIPE' as const, eventId })));
      await pruner.runOnce();
      expect(await rows(inbox)).toBe(Math.min(day + 1, 6) * PER_DAY);
      expect(await rows(webhookDeliveries)).toBe(Math.min(day + 1, 6) * PER_DAY);
      await db.execute(sql`update ${inbox} set processed_at = processed_at - interval '1 day'`);
      await db.execute(sql`update ${webhookDeliveries} set received_at = received_at - interval '1 day'`);
    }
    await pruner.stop();
  }, 60_000);
});
