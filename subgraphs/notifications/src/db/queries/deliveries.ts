import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { NewDelivery } from '../../domain/repositories.js';
import { deliveries, type DeliveryRow } from '../deliveries.js';

export async function insertDeliveries(db: Executor, rows: NewDelivery[]): Promise<void> {
  if (rows.length > 0) await db.insert(deliveries).values(rows);
}

/**
 * Claims up to `limit` due deliveries for `leaseSeconds`. `skip locked` lets several replicas
 * claim side by side without waiting on or taking each other's rows.
 */
export async function claimDueDeliveries(db: Executor, limit: number, leaseSeconds: number): Promise<DeliveryRow[]> {
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        isNull(deliveries.sentAt),
        isNull(deliveries.failedAt),
        lte(deliveries.nextAttemptAt, sql`now()`),
        or(isNull(deliveries.lockedUntil), lte(deliveries.lockedUntil, sql`now()`)),
      ),
    )
    .orderBy(deliveries.nextAttemptAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(deliveries)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseSeconds})`, attempts: sql`${deliveries.attempts} + 1` })
    .where(inArray(deliveries.id, due))
    .returning();
}

export async function markDelivered(db: Executor, id: string): Promise<void> {
  await db
    .update(deliveries)
    .set({ sentAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(eq(deliveries.id, id));
}

export async function scheduleRetry(db: Executor, id: string, delayMs: number, error: string): Promise<void> {
  await db
    .update(deliveries)
    .set({ nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`, lockedUntil: null, lastError: error })
    .where(eq(deliveries.id, id));
}

export async function markUndeliverable(db: Executor, id: string, error: string): Promise<void> {
  await db
    .update(deliveries)
    .set({ failedAt: sql`now()`, lockedUntil: null, lastError: error })
    .where(eq(deliveries.id, id));
}

export async function deliveriesOf(db: Executor, notificationId: string): Promise<DeliveryRow[]> {
  return db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId));
}
