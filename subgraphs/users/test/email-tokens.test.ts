/** The email-link transactions on real PostgreSQL: verification and password reset. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { databaseOnPostgres, type Database } from '@sbor/db';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/testing';
import { outbox } from '../src/db/outbox.js';
import { usersRepositories } from '../src/db/repositories.js';
import type { UsersRepositories } from '../src/domain/repositories.js';
import { hashRefreshToken } from '../src/domain/sessions.js';

let scratch: ScratchDatabase;
let database: Database;
let repos: UsersRepositories;

beforeAll(async () => {
  scratch = await createScratchDatabase('users_email_tokens');
  database = databaseOnPostgres(scratch.url, { applicationName: 'users-email-tokens-test' });
  await database.migrate({ migrationsFolder: new URL('../migrations', import.meta.url).pathname, schema: 'users' });
  repos = usersRepositories(database.db);
});

afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

let n = 0;
const soon = () => new Date(Date.now() + 3_600_000);
const stored = (token: string, expiresAt = soon()) => ({ tokenHash: hashRefreshToken(token), expiresAt });

async function account() {
  const tag = `${Date.now()}-${++n}`;
  const user = await repos.users.register(
    { email: `ann.${tag}@example.com`, passwordHash: 'old-hash', displayName: 'Ann' },
    stored(`rt-${tag}`),
    stored(`verify-${tag}`),
  );
  return { user: user!, tag };
}

const outboxTopics = async (userId: string) =>
  (await database.db.select({ topic: outbox.topic }).from(outbox).where(eq(outbox.key, userId)).orderBy(asc(outbox.seq))).map(
    (r) => r.topic,
  );

describe('emailTokens.verifyEmail', () => {
  it('verifies the address once, with user.email_verified in the same transaction', async () => {
    const { user, tag } = await account();
    expect(user.emailVerifiedAt).toBeNull();

    const verified = await repos.emailTokens.verifyEmail(hashRefreshToken(`verify-${tag}`));

    expect(verified?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await repos.emailTokens.verifyEmail(hashRefreshToken(`verify-${tag}`))).toBeUndefined();
    expect(await outboxTopics(user.id)).toEqual(['user.registered', 'user.email_verified']);
  });

  it('never accepts an expired link or a reset link', async () => {
    const { user, tag } = await account();
    await repos.emailTokens.issue(user.id, user.email, 'VERIFY_EMAIL', stored(`late-${tag}`, new Date(Date.now() - 1_000)));
    await repos.emailTokens.issue(user.id, user.email, 'RESET_PASSWORD', stored(`reset-${tag}`));

    expect(await repos.emailTokens.verifyEmail(hashRefreshToken(`late-${tag}`))).toBeUndefined();
    expect(await repos.emailTokens.verifyEmail(hashRefreshToken(`reset-${tag}`))).toBeUndefined();
    expect((await repos.users.find(user.id))!.emailVerifiedAt).toBeNull();
  });
});

describe('emailTokens.resetPassword', () => {
  it('stores the new hash, verifies the address, ends every session family and kills the other reset links', async () => {
    const { user, tag } = await account();
    await repos.sessions.start(user.id, stored(`rt2-${tag}`));
    await repos.emailTokens.issue(user.id, user.email, 'RESET_PASSWORD', stored(`reset-a-${tag}`));
    await repos.emailTokens.issue(user.id, user.email, 'RESET_PASSWORD', stored(`reset-b-${tag}`));

    const reset = await repos.emailTokens.resetPassword(hashRefreshToken(`reset-a-${tag}`), 'new-hash');

    expect(reset).toMatchObject({ passwordHash: 'new-hash', emailVerifiedAt: expect.any(Date) });
    for (const token of [`rt-${tag}`, `rt2-${tag}`]) {
      expect((await repos.sessions.presented(hashRefreshToken(token)))!.familyRevokedAt).toBeInstanceOf(Date);
    }
    expect(await repos.emailTokens.resetPassword(hashRefreshToken(`reset-b-${tag}`), 'other-hash')).toBeUndefined();
    expect(await outboxTopics(user.id)).toEqual(['user.registered', 'user.email_verified']);
  });
});
