import type { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { count, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { databaseOnPglite, openEmbeddedPostgres, type Db } from '@sbor/db';
import { startPruner } from '@sbor/messaging';
import { deliveries } from '../deliveries.js';
import { notifications } from '../notifications.js';
import { inbox } from '../schema.js';
import { notificationsRetentionTasks } from './retention.js';

const DAY = 86_400_000;
const PER_DAY = 10;
let client: PGlite;
let db: Db;

beforeAll(async () => {
  client = await openEmbeddedPostgres();
  const database = databaseOnPglite(client);
  await database.migrate({ migrationsFolder: fileURLToPath(new URL('../../../migrations', import.meta.url)), schema: 'notifications' });
  db = database.db;
}, 120_000);
afterAll(async () => {
  await client?.close();
});

const rows = async (table: typeof notifications | typeof deliveries | typeof inbox) => (await db.select({ n: count() }).from(table))[0]!.n;

/** One day of facts: each becomes an inbox id and a notification with an email send; the user reads all but one. */
async function oneDay() {
  const userId = randomUUID();
  const made = await db
    .insert(notifications)
    .values(
      Array.from({ length: PER_DAY }, (_, i) => ({
        userId,
        type: 'ORDER_PAID' as const,
        title: 't',
        body: 'b',
        sourceFactId: randomUUID(),
        readAt: i === 0 ? null : new Date(),
      })),
    )
    .returning();
  await db.insert(deliveries).values(made.map((n) => ({ notificationId: n.id, channel: 'EMAIL' as const, sentAt: new Date() })));
  await db.insert(inbox).values(made.map((n) => ({ consumerGroup: 'notifications', messageId: n.sourceFactId })));
}

/** Moves every stored time one day back, as if a day had passed. */
async function aDayPasses() {
  await db.execute(sql`update ${notifications} set created_at = created_at - interval '1 day', read_at = read_at - interval '1 day'`);
  await db.execute(sql`update ${inbox} set processed_at = processed_at - interval '1 day'`);
}

describe('notifications retention', () => {
  it('keeps read notifications, their sends and inbox ids bounded over 30 days, and every unread notification', async () => {
    // Half-day windows: every row is a whole number of days old, so none sits on an edge.
    const pruner = startPruner(notificationsRetentionTasks(db, { intervalMs: DAY, readNotificationsMs: 4.5 * DAY, inboxMs: 6.5 * DAY }), {
      intervalMs: DAY,
      logger: createLogger('notifications-retention-test', 'silent'),
    });
    for (let day = 0; day < 30; day++) {
      await oneDay();
      await pruner.runOnce();
      const unread = day + 1;
      const read = Math.min(day + 1, 5) * (PER_DAY - 1);
      expect(await rows(notifications)).toBe(unread + read);
      expect(await rows(deliveries)).toBe(unread + read);
      expect(await rows(inbox)).toBe(Math.min(day + 1, 7) * PER_DAY);
      await aDayPasses();
    }
    expect(await db.select().from(notifications).where(isNull(notifications.readAt))).toHaveLength(30);
    await pruner.stop();
  }, 60_000);
});
