import type { Executor } from '@sbor/db';
import type { VapidKeyPair } from '../../domain/repositories.js';
import { vapidKeys } from '../vapid-keys.js';

/** Stores `candidate` unless a pair exists already; returns whichever pair is stored. */
export async function storeVapidKeysOnce(db: Executor, candidate: VapidKeyPair): Promise<VapidKeyPair> {
  await db
    .insert(vapidKeys)
    .values({ id: 1, ...candidate })
    .onConflictDoNothing();
  const [row] = await db.select({ publicKey: vapidKeys.publicKey, privateKey: vapidKeys.privateKey }).from(vapidKeys);
  return row!;
}
