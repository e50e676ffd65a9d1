import { asc, desc, isNull, sql } from 'drizzle-orm';
import type { Db } from '@sbor/db';
import { qrSigningKeys } from '../signing-keys.js';

export interface StoredQrKey {
  kid: string;
  privateJwk: unknown;
  publicJwk: unknown;
}

const LOCK = sql`select pg_advisory_xact_lock(hashtext('tickets.qr_signing_keys'))`;

/** Returns the newest active key, inserting `make()`'s key first if there is none. */
export async function createActiveKeyOnce(db: Db, make: () => StoredQrKey): Promise<StoredQrKey> {
  return db.transaction(async (tx) => {
    // Replicas starting together agree on one key.
    await tx.execute(LOCK);
    const [current] = await tx
      .select()
      .from(qrSigningKeys)
      .where(isNull(qrSigningKeys.retiredAt))
      .orderBy(desc(qrSigningKeys.createdAt))
      .limit(1);
    if (current) return current;
    const [created] = await tx.insert(qrSigningKeys).values(make()).returning();
    return created!;
  });
}

/** Retires every active key and inserts `next` as the one that signs from now on. */
export async function rotateActiveKey(db: Db, next: StoredQrKey): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(LOCK);
    await tx
      .update(qrSigningKeys)
      .set({ retiredAt: sql`now()` })
      .where(isNull(qrSigningKeys.retiredAt));
    await tx.insert(qrSigningKeys).values(next);
  });
}

/**
 * Every key, retired ones included: a retired key signs nothing new, but tickets it signed stay
 * valid until their event, so door devices must keep verifying them.
 */
export function allKeys(db: Db): Promise<StoredQrKey[]> {
  return db.select().from(qrSigningKeys).orderBy(asc(qrSigningKeys.createdAt));
}
