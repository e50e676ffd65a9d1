import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { EmailTokenPurpose, StoredEmailToken } from '../../domain/repositories.js';
import { emailTokens } from '../email-tokens.js';
import { users, type UserRow } from '../users.js';
import { sessionFamilies } from '../sessions.js';

export async function insertEmailToken(
  db: Executor,
  userId: string,
  email: string,
  purpose: EmailTokenPurpose,
  token: StoredEmailToken,
): Promise<void> {
  await db.insert(emailTokens).values({ userId, email, purpose, tokenHash: token.tokenHash, expiresAt: token.expiresAt });
}

/**
 * Uses up a live link in one statement, and with it the account's other live links of that purpose;
 * only one caller can win the row. Undefined when it is unknown, used, expired, or addressed to an
 * email the account no longer has.
 */
export async function claimEmailToken(db: Executor, tokenHash: string, purpose: EmailTokenPurpose): Promise<UserRow | undefined> {
  const [claimed] = await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .from(users)
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, sql`now()`),
        eq(users.id, emailTokens.userId),
        eq(sql`lower(${users.email})`, sql`lower(${emailTokens.email})`),
      ),
    )
    .returning({ userId: emailTokens.userId });
  if (!claimed) return undefined;
  await db
    .update(emailTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(emailTokens.userId, claimed.userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)));
  const [row] = await db.select().from(users).where(eq(users.id, claimed.userId));
  return row;
}

/** Marks the address verified; undefined when it already was. */
export async function markEmailVerified(db: Executor, userId: string): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ emailVerifiedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)))
    .returning();
  return row;
}

export async function setPasswordHash(db: Executor, userId: string, passwordHash: string): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ passwordHash, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning();
  return row;
}

/** Ends every live session family of the user; ended ones keep their first reason. */
export async function revokeAllFamilies(db: Executor, userId: string, reason: string): Promise<void> {
  await db
    .update(sessionFamilies)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessionFamilies.userId, userId), isNull(sessionFamilies.revokedAt)));
}
