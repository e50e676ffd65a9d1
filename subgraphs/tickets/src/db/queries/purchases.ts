import { and, eq } from 'drizzle-orm';
import type { Executor, Tx } from '@sbor/db';
import { purchases, type PurchaseRow } from '../purchases.js';

export async function findPurchase(db: Executor, userId: string, idempotencyKey: string): Promise<PurchaseRow | undefined> {
  const [row] = await db
    .select()
    .from(purchases)
    .where(and(eq(purchases.userId, userId), eq(purchases.idempotencyKey, idempotencyKey)));
  return row;
}

/**
 * Claims the (user, key) pair. A racing duplicate blocks on the unique index until the first
 * transaction ends: if it committed, this returns nothing (the caller replays that purchase);
 * if it rolled back, this claim succeeds and the duplicate buys instead.
 */
export async function claimPurchase(tx: Tx, values: typeof purchases.$inferInsert): Promise<PurchaseRow | undefined> {
  const [row] = await tx.insert(purchases).values(values).onConflictDoNothing().returning();
  return row;
}
