import { desc, gt, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '@sbor/db';
import { signingKeys } from '../signing-keys.js';

export interface StoredKey {
  kid: string;
  privateJwk: unknown;
  publicJwk: unknown;
}

/** Returns the newest active key, inserting `make()`'s key first if there is none. */
export async function createActiveKeyOnce(db: Db, make: () => Promise<StoredKey>): Promise<StoredKey> {
  const candidate = await make();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('users.signing_keys'))`);
    const [current] = await tx
      .select()
      .from(signingKeys)
      .where(isNull(signingKeys.retiredAt))
      .orderBy(desc(signingKeys.createdAt))
      .limit(1);
    if (current) return current;
    const [created] = await tx.insert(signingKeys).values(candidate).returning();
    return created!;
  });
}

/** Active keys and keys retired within the last day (their tokens may still be in flight). */
export async function publishedKeys(db: Db): Promise<StoredKey[]> {
  return db
    .select()
    .from(signingKeys)
    .where(or(isNull(signingKeys.retiredAt), gt(signingKeys.retiredAt, sql`now() - interval '1 day'`)));
}
