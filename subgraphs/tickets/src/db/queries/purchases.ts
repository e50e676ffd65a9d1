import { and, eq } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { purchases, type PurchaseRow } from '../purchases.js';

export async function findPurchase(db: Executor, userId: string, idempotencyKey: string): Promise<PurchaseRow | undefined> {
  const [row] = await db
    .select()
    .from(purchases)
    .where(and(eq(purchases.userId, userId), eq(purchases.idempotencyKey, idempotencyKey)));
  return row;
}
