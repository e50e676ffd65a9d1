import { eq, inArray } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { NewPushSubscription } from '../../domain/repositories.js';
import { pushSubscriptions, type PushSubscriptionRow } from '../push-subscriptions.js';

/** Registering an endpoint again (new keys, or another user on the same browser) replaces it. */
export async function savePushSubscription(db: Executor, sub: NewPushSubscription): Promise<void> {
  await db
    .insert(pushSubscriptions)
    .values(sub)
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId: sub.userId, p256dh: sub.p256dh, auth: sub.auth } });
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
