import type { Executor } from '@sbor/db';
import { vapidKeys } from '../vapid-keys.js';

export interface StoredVapidKeys {
  publicKey: string;
  privateKey: string;
}

/** Stores `candidate` unless a pair exists already; returns whichever pair is stored. */
export async function storeVapidKeysOnce(db: Executor, candidate: StoredVapidKeys): Promise<StoredVapidKeys> {
  await db.insert(vapidKeys).values({ id: 1, ...candidate }).onConflictDoNothing();
  const [row] = await db.select({ publicKey: vapidKeys.publicKey, privateKey: vapidKeys.privateKey }).from(vapidKeys);
  return row!;
}
