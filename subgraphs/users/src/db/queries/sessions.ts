import { and, desc, eq, gt, isNull, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { refreshTokens, sessionFamilies } from '../sessions.js';
import type { RefreshTokenState } from '../../domain/refresh-rules.js';

/**
 * Revokes the user's oldest live families so that at most `keep` stay live; run in the transaction
 * that then starts a new one, so an endless stream of sign-ins cannot grow the table without bound.
 */
export async function revokeOldestFamilies(db: Executor, userId: string, keep: number, reason: string): Promise<void> {
  const live = and(eq(sessionFamilies.userId, userId), isNull(sessionFamilies.revokedAt));
  const newest = db
    .select({ id: sessionFamilies.id })
    .from(sessionFamilies)
    .where(live)
    .orderBy(desc(sessionFamilies.createdAt), desc(sessionFamilies.id))
    .limit(keep);
  await db
    .update(sessionFamilies)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(live, notInArray(sessionFamilies.id, newest)));
}

export async function createFamily(db: Executor, userId: string): Promise<string> {
  const [row] = await db.insert(sessionFamilies).values({ userId }).returning({ id: sessionFamilies.id });
  return row!.id;
}

export async function insertRefreshToken(db: Executor, familyId: string, tokenHash: string, expiresAt: Date): Promise<void> {
  await db.insert(refreshTokens).values({ familyId, tokenHash, expiresAt });
}

/**
 * Marks a live token used in one statement. Only one caller can win the row: a concurrent caller
 * waits on the row lock, then finds `used_at` set and gets nothing back.
 */
export async function claimRefreshToken(db: Executor, tokenHash: string): Promise<{ familyId: string; userId: string } | undefined> {
  const [row] = await db
    .update(refreshTokens)
    .set({ usedAt: sql`now()` })
    .from(sessionFamilies)
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.usedAt),
        gt(refreshTokens.expiresAt, sql`now()`),
        eq(sessionFamilies.id, refreshTokens.familyId),
        isNull(sessionFamilies.revokedAt),
      ),
    )
    .returning({ familyId: refreshTokens.familyId, userId: sessionFamilies.userId });
  return row;
}

export async function findRefreshTokenState(
  db: Executor,
  tokenHash: string,
): Promise<(RefreshTokenState & { familyId: string }) | undefined> {
  const [row] = await db
    .select({
      familyId: refreshTokens.familyId,
      usedAt: refreshTokens.usedAt,
      expiresAt: refreshTokens.expiresAt,
      familyRevokedAt: sessionFamilies.revokedAt,
    })
    .from(refreshTokens)
    .innerJoin(sessionFamilies, eq(sessionFamilies.id, refreshTokens.familyId))
    .where(eq(refreshTokens.tokenHash, tokenHash));
  return row;
}

export async function revokeFamily(db: Executor, familyId: string, reason: string): Promise<void> {
  await db
    .update(sessionFamilies)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(sessionFamilies.id, familyId), isNull(sessionFamilies.revokedAt)));
}
