import { and, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { NewPushSubscription } from '../../domain/repositories.js';
import { pushSubscriptions, type PushSubscriptionRow } from '../push-subscriptions.js';

/**
 * Registers an endpoint or renews the owner's own (new keys, newest again); the conflict clause's
 * WHERE leaves another user's endpoint untouched, so no row comes back. Then keeps the owner's
 * `limit` most recently registered.
 */
export async function savePushSubscription(db: Executor, sub: NewPushSubscription, limit: number): Promise<'saved' | 'taken'> {
  const saved = await db
    .insert(pushSubscriptions)
    .values(sub)
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: { p256dh: sub.p256dh, auth: sub.auth, createdAt: sql`now()` },
      where: eq(pushSubscriptions.userId, sub.userId),
    })
    .returning({ id: pushSubscriptions.id });
  if (saved.length === 0) return 'taken';
  const kept = db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, sub.userId))
    .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id))
    .limit(limit);
  await db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, sub.userId), notInArray(pushSubscriptions.id, kept)));
  return 'saved';
}

export async function pushSubscriptionsOf(db: Executor, userIds: readonly string[]): Promise<PushSubscriptionRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(pushSubscriptions)
    .where(inArray(pushSubscriptions.userId, [...userIds]));
}

export async function findPushSubscription(db: Executor, id: string): Promise<PushSubscriptionRow | undefined> {
  const [row] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, id));
  return row;
}

export async function deletePushSubscription(db: Executor, id: string): Promise<void> {
  await db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id));
}
