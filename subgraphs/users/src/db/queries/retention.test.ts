import type { PGlite } from '@electric-sql/pglite';
import { fileURLToPath } from 'node:url';
import { count, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { databaseOnPglite, openEmbeddedPostgres, type Db } from '@sbor/db';
import { startPruner } from '@sbor/messaging';
import { emailTokens } from '../email-tokens.js';
import { refreshTokens, sessionFamilies } from '../sessions.js';
import { users } from '../users.js';
import { usersRetentionTasks } from './retention.js';
import { createFamily, insertRefreshToken } from './sessions.js';

const DAY = 86_400_000;
const PER_DAY = 12;
let client: PGlite;
let db: Db;
let userId: string;

beforeAll(async () => {
  client = await openEmbeddedPostgres();
  const database = databaseOnPglite(client);
  await database.migrate({ migrationsFolder: fileURLToPath(new URL('../../../migrations', import.meta.url)), schema: 'users' });
  db = database.db;
  const [ann] = await db.insert(users).values({ email: 'ann@example.com', passwordHash: 'x', displayName: 'Ann' }).returning();
  userId = ann!.id;
}, 120_000);
afterAll(async () => {
  await client?.close();
});

const rows = async (table: typeof refreshTokens | typeof sessionFamilies | typeof emailTokens) =>
  (await db.select({ n: count() }).from(table))[0]!.n;
const inDays = (days: number) => new Date(Date.now() + days * DAY);
let serial = 0;
const hash = () => `hash-${++serial}`;

/** One day of use: sign-ins (refresh tokens for 2 days), verification links (2 days) and reset links used at once. */
async function oneDay() {
  const times = Array.from({ length: PER_DAY });
  const families = await db
    .insert(sessionFamilies)
    .values(times.map(() => ({ userId })))
    .returning();
  await db.insert(refreshTokens).values(families.map((f) => ({ familyId: f.id, tokenHash: hash(), expiresAt: inDays(2) })));
  const link = { userId, email: 'ann@example.com' };
  await db.insert(emailTokens).values([
    ...times.map(() => ({ ...link, purpose: 'VERIFY_EMAIL' as const, tokenHash: hash(), expiresAt: inDays(2) })),
    ...times.map(() => ({
      ...link,
      purpose: 'RESET_PASSWORD' as const,
      tokenHash: hash(),
      expiresAt: inDays(1 / 24),
      usedAt: new Date(),
    })),
  ]);
}

/** Moves every stored time one day back, as if a day had passed. */
async function aDayPasses() {
  const back = (column: string) => sql.raw(`${column} = ${column} - interval '1 day'`);
  await db.execute(sql`update ${refreshTokens} set ${back('expires_at')}, ${back('created_at')}, ${back('used_at')}`);
  await db.execute(sql`update ${sessionFamilies} set ${back('created_at')}, ${back('revoked_at')}`);
  await db.execute(sql`update ${emailTokens} set ${back('expires_at')}, ${back('created_at')}, ${back('used_at')}`);
}

describe('users retention', () => {
  it('keeps refresh tokens, sessions and email links bounded over 30 days, deleting nothing inside the window', async () => {
    // 7.5 days: every row is a whole number of days old, so none sits on the window's edge.
    const pruner = startPruner(usersRetentionTasks(db, { intervalMs: DAY, refreshTokensMs: 7.5 * DAY, emailTokensMs: 7.5 * DAY }), {
      intervalMs: DAY,
      logger: createLogger('users-retention-test', 'silent'),
    });
    let longSession = '';
    for (let day = 0; day < 30; day++) {
      await oneDay();
      // A session used every day: its tokens expire one after another, the session stays.
      if (day === 0) longSession = await db.transaction((tx) => createFamily(tx, userId));
      await db.update(refreshTokens).set({ usedAt: new Date() }).where(eq(refreshTokens.familyId, longSession));
      await insertRefreshToken(db, longSession, hash(), inDays(2));
      await pruner.runOnce();
      // A token lives 2 days and is kept 7.5 more: the last 10 days' tokens (and their sessions) stay.
      const days = Math.min(day + 1, 10);
      expect(await rows(refreshTokens)).toBe(days * (PER_DAY + 1));
      expect(await rows(sessionFamilies)).toBe(days * PER_DAY + 1);
      // Verification links as long as tokens; reset links, used at once, 7.5 days after use: 8 days of them.
      expect(await rows(emailTokens)).toBe(days * PER_DAY + Math.min(day + 1, 8) * PER_DAY);
      await aDayPasses();
    }
    expect(await db.select().from(sessionFamilies).where(eq(sessionFamilies.id, longSession))).toHaveLength(1);
    expect(await db.select().from(refreshTokens).where(isNull(refreshTokens.usedAt))).toHaveLength(PER_DAY * 10 + 1);
    await pruner.stop();
  }, 60_000);
});
