/**
 * Signing keys kept in a service's database so every replica signs and verifies with the same ones,
 * and an operator can rotate or retire them while the service runs (`npm run keys`).
 *
 * A key's life: it is published from its insert, signs from `activates_at` (a rotation activates
 * the new key a little later than now, so every verifier can fetch it before the first signature
 * it must check), stops signing at `retired_at`, and stops verifying at `expires_at` (null: never).
 * Rows are kept after they expire, for the record.
 */
import { sql } from 'drizzle-orm';
import { jsonb, text, timestamp, type PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Db } from './database.js';

/** The columns of a signing-key table; each service declares its own in its schema. */
export const signingKeyColumns = () => ({
  kid: text('kid').primaryKey(),
  privateJwk: jsonb('private_jwk').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  activatesAt: timestamp('activates_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
});

export interface NewSigningKey {
  kid: string;
  privateJwk: unknown;
  publicJwk: unknown;
}

export interface StoredSigningKey extends NewSigningKey {
  createdAt: Date;
  activatesAt: Date;
  retiredAt: Date | null;
  expiresAt: Date | null;
}

const signs = (key: StoredSigningKey, at: number) =>
  key.activatesAt.getTime() <= at && (!key.retiredAt || key.retiredAt.getTime() > at) && !expired(key, at);
const expired = (key: StoredSigningKey, at: number) => key.expiresAt !== null && key.expiresAt.getTime() <= at;

/** The key that signs at `at`: of those active then, the one activated last. */
export function signerAt(keys: readonly StoredSigningKey[], at = Date.now()): StoredSigningKey | undefined {
  let signer: StoredSigningKey | undefined;
  for (const key of keys) if (signs(key, at) && (!signer || key.activatesAt >= signer.activatesAt)) signer = key;
  return signer;
}

/** The keys that verify at `at`: every key not yet expired, a pending one included. */
export const verifyingAt = (keys: readonly StoredSigningKey[], at = Date.now()) => keys.filter((key) => !expired(key, at));

export interface Rotation {
  /** From when the new key signs; until then the current one does. */
  activationDelayMs: number;
  /** How long the keys it replaces keep verifying after it activates. */
  graceMs: number;
}

export interface SigningKeyStore {
  /** Keys that still verify, oldest activation first (what a replica loads). */
  live(): Promise<StoredSigningKey[]>;
  /** Every key, expired ones included (what the operator lists). */
  all(): Promise<StoredSigningKey[]>;
  /** Makes sure a key signs now, inserting `make()`'s when none does; replicas agree on one. */
  ensureSigner(make: () => Promise<NewSigningKey> | NewSigningKey): Promise<void>;
  /** Stores `next` to sign after the delay; every key signing or pending stops then, and expires after the grace. */
  rotate(next: NewSigningKey, rotation: Rotation): Promise<StoredSigningKey>;
  /**
   * Stops `kid` signing now and verifying after `graceMs` (0: at once, for a leaked key); when it
   * was the signer, `make()`'s key signs from now. Undefined when there is no such key.
   */
  retire(kid: string, graceMs: number, make: () => Promise<NewSigningKey> | NewSigningKey): Promise<StoredSigningKey | undefined>;
}

interface Row {
  kid: string;
  private_jwk: unknown;
  public_jwk: unknown;
  created_at: Date | string;
  activates_at: Date | string;
  retired_at: Date | string | null;
  expires_at: Date | string | null;
}

const date = (value: Date | string) => (value instanceof Date ? value : new Date(value));
const toKey = (row: Row): StoredSigningKey => ({
  kid: row.kid,
  privateJwk: row.private_jwk,
  publicJwk: row.public_jwk,
  createdAt: date(row.created_at),
  activatesAt: date(row.activates_at),
  retiredAt: row.retired_at === null ? null : date(row.retired_at),
  expiresAt: row.expires_at === null ? null : date(row.expires_at),
});
const ms = (value: number) => sql`${Math.max(0, Math.floor(value))} * interval '1 millisecond'`;
const json = (value: unknown) => sql`${JSON.stringify(value)}::jsonb`;

/** The store over `table` (declared with `signingKeyColumns`); `lockName` serializes changes across replicas. */
export function signingKeyStore(db: Db, table: PgTable, lockName: string): SigningKeyStore {
  const lock = sql`select pg_advisory_xact_lock(hashtext(${lockName}))`;
  const select = async (where = sql`true`) =>
    rowsOf<Row>(await db.execute(sql`select * from ${table} where ${where} order by activates_at, created_at`)).map(toKey);
  const insert = async (executor: Pick<Db, 'execute'>, key: NewSigningKey, activatesIn = 0) =>
    toKey(
      rowsOf<Row>(
        await executor.execute(sql`
          insert into ${table} (kid, private_jwk, public_jwk, activates_at)
          values (${key.kid}, ${json(key.privateJwk)}, ${json(key.publicJwk)}, now() + ${ms(activatesIn)})
          returning *`),
      )[0]!,
    );
  const signerNow = sql`activates_at <= now() and (retired_at is null or retired_at > now()) and (expires_at is null or expires_at > now())`;
  const ensureSigner = async (executor: Pick<Db, 'execute'>, make: () => Promise<NewSigningKey> | NewSigningKey) => {
    const [current] = rowsOf<Row>(await executor.execute(sql`select kid from ${table} where ${signerNow} limit 1`));
    if (!current) await insert(executor, await make());
  };
  return {
    live: () => select(sql`expires_at is null or expires_at > now()`),
    all: () => select(),
    async ensureSigner(make) {
      const candidate = await make();
      await db.transaction(async (tx) => {
        await tx.execute(lock);
        await ensureSigner(tx, () => candidate);
      });
    },
    rotate: (next, { activationDelayMs, graceMs }) =>
      db.transaction(async (tx) => {
        await tx.execute(lock);
        const at = sql`now() + ${ms(activationDelayMs)}`;
        await tx.execute(sql`
          update ${table} set retired_at = ${at},
            expires_at = least(coalesce(expires_at, ${at} + ${ms(graceMs)}), ${at} + ${ms(graceMs)})
          where retired_at is null or retired_at > ${at}`);
        return insert(tx, next, activationDelayMs);
      }),
    async retire(kid, graceMs, make) {
      const candidate = await make();
      return db.transaction(async (tx) => {
        await tx.execute(lock);
        const [retired] = rowsOf<Row>(
          await tx.execute(sql`
            update ${table} set retired_at = least(coalesce(retired_at, now()), now()),
              expires_at = least(coalesce(expires_at, now() + ${ms(graceMs)}), now() + ${ms(graceMs)})
            where kid = ${kid} returning *`),
        );
        if (!retired) return undefined;
        await ensureSigner(tx, () => candidate);
        return toKey(retired);
      });
    },
  };
}

export interface LoadedKeys {
  /** The key that signs now; after a rotation elsewhere, the new one from its activation on. */
  signer(): StoredSigningKey;
  /** The keys that verify now. */
  verifying(): StoredSigningKey[];
  /** Re-reads the keys. */
  reload(): Promise<void>;
  /**
   * Re-reads the keys for a `kid` not among them (another replica rotated), at most once per
   * cooldown so a flood of made-up kids costs one read; true when `kid` is known afterwards.
   */
  learn(kid: string): Promise<boolean>;
  /** Re-reads every `intervalMs` until the returned stop is called; errors go to `onError`. */
  watch(intervalMs: number, onError: (error: unknown) => void): () => Promise<void>;
}

/**
 * What a replica keeps in memory of its keys. It reloads on a timer, so a rotation another replica
 * or the operator made reaches it without a restart before the new key activates (a rotation's
 * delay must exceed the interval), and a key retired at once stops here within one interval.
 */
export async function loadKeys(
  store: Pick<SigningKeyStore, 'live' | 'ensureSigner'>,
  make: () => Promise<NewSigningKey> | NewSigningKey,
  options: { learnCooldownMs?: number } = {},
): Promise<LoadedKeys> {
  let keys: StoredSigningKey[] = [];
  let lastLearn = 0;
  // A plain read on every tick; the locked write (and a fresh key pair) only when nothing signs.
  const reload = async () => {
    keys = await store.live();
    if (signerAt(keys)) return;
    await store.ensureSigner(make);
    keys = await store.live();
  };
  await reload();
  return {
    signer: () => signerAt(keys) ?? keys.at(-1)!,
    verifying: () => verifyingAt(keys),
    reload,
    async learn(kid) {
      if (Date.now() - lastLearn >= (options.learnCooldownMs ?? 5_000)) {
        lastLearn = Date.now();
        keys = await store.live();
      }
      return keys.some((key) => key.kid === kid);
    },
    watch(intervalMs, onError) {
      let running: Promise<void> = Promise.resolve();
      const timer = setInterval(() => {
        running = reload().catch(onError);
      }, intervalMs);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
}
