import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { tracedPglite, tracedPostgres } from './traced-postgres.js';

/** The drizzle handle domain code uses; the same type in both runtime modes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Db = PgDatabase<PgQueryResultHKT, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Tx = PgTransaction<PgQueryResultHKT, any, any>;
/** Either the database or an open transaction: data-layer functions accept both. */
export type Executor = Db | Tx;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** True when a trivial query answers. */
  ping(): Promise<boolean>;
  /** Applies the service's drizzle-kit SQL migrations, once, even with several replicas starting. Bookkeeping lives in `<schema>_migrations`, beside the service's own schema. */
  migrate(options: { migrationsFolder: string; schema: string }): Promise<void>;
  /**
   * The rows of `query` through a database cursor, `batchSize` at a time: memory holds one batch
   * however many rows there are, and the next batch is read only when the loop asks for it (so a
   * slow reader slows the query, not the heap). Leaving the loop early closes the cursor. Rows
   * come back as the driver gives them: column names as the query spells them.
   */
  stream<T extends Record<string, unknown>>(query: SQL, batchSize: number): AsyncIterable<T[]>;
  close(): Promise<void>;
}

const dialect = new PgDialect();

/**
 * Opens the single embedded PostgreSQL (PGlite) that all services share in embedded mode, each in
 * its own schema. `dataDir` undefined keeps it in memory (tests).
 */
export async function openEmbeddedPostgres(dataDir?: string): Promise<PGlite> {
  if (dataDir) {
    assertEmbeddedDataVersion(dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  if (!dataDir) {
    const client = new PGlite();
    await client.waitReady;
    return client;
  }
  try {
    const client = new PGlite(dataDir);
    await client.waitReady;
    return client;
  } catch (error) {
    throw new EmbeddedDataUnreadableError(dataDir, error);
  }
}

/**
 * PGlite could not open the data directory. Its own error is a bare wasm `Aborted()` or "failed
 * to initialize", which tells a person nothing: say what happened and what to do instead.
 */
export class EmbeddedDataUnreadableError extends Error {
  constructor(
    readonly dataDir: string,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      [
        `The embedded database in ${dataDir} could not be opened (PGlite: ${reason}).`,
        `  It was most likely damaged by a crash or by two Sbor processes writing it at once.`,
        `  Keep a copy first (cp -r ${dataDir} ${dataDir}-damaged), then either restore a backup of ${dataDir},`,
        `  or move it aside (mv ${dataDir} ${dataDir}-damaged) and npm start creates a fresh, empty one.`,
      ].join('\n'),
      { cause },
    );
    this.name = 'EmbeddedDataUnreadableError';
  }
}

/** The PostgreSQL major inside the PGlite that Sbor depends on (0.5.x: 18); a test checks it. */
export const EMBEDDED_POSTGRES_MAJOR = 18;

/** Embedded data written by another PostgreSQL major, which PGlite cannot open. */
export class EmbeddedDataVersionError extends Error {
  constructor(
    readonly dataDir: string,
    readonly foundMajor: string,
  ) {
    super(
      [
        `The embedded database in ${dataDir} was written by PostgreSQL ${foundMajor}; this Sbor embeds PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}, which cannot open it.`,
        `  Embedded data is for trying Sbor out: move it aside (mv ${dataDir} ${dataDir}-pg${foundMajor}) or delete it, and npm start creates a fresh one.`,
      ].join('\n'),
    );
    this.name = 'EmbeddedDataVersionError';
  }
}

/** PostgreSQL cannot read another major's files; PGlite then fails with no hint why, so say it first. */
function assertEmbeddedDataVersion(dataDir: string): void {
  const versionFile = join(dataDir, 'PG_VERSION');
  if (!existsSync(versionFile)) return;
  const found = readFileSync(versionFile, 'utf8').trim();
  if (found !== String(EMBEDDED_POSTGRES_MAJOR)) throw new EmbeddedDataVersionError(dataDir, found);
}

/** A service's view of the shared PGlite; closing it leaves the shared client open. */
export function databaseOnPglite(client: PGlite): Database {
  const db = drizzlePglite(tracedPglite(client));
  return {
    kind: 'pglite',
    db,
    ping: async () => {
      await client.query('select 1');
      return true;
    },
    migrate: async ({ migrationsFolder, schema }) => {
      await migratePglite(db, { migrationsFolder, migrationsSchema: `${schema}_migrations`, migrationsTable: 'applied' });
    },
    stream: <T extends Record<string, unknown>>(query: SQL, batchSize: number) => heldCursor<T>(client, query, batchSize),
    close: async () => {},
  };
}

/**
 * PGlite's cursor: one connection serves every service, so a transaction may not stay open while
 * the rows travel to a slow reader (everyone else would wait on it). A `WITH HOLD` cursor lives
 * outside any transaction: PostgreSQL runs the query once when it is declared, keeps the result
 * server-side (spilling to temporary files past `work_mem`), and each FETCH is a statement of its
 * own that other services' statements can come between.
 */
async function* heldCursor<T extends Record<string, unknown>>(client: PGlite, query: SQL, batchSize: number): AsyncGenerator<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  const name = `sbor_cursor_${randomBytes(8).toString('hex')}`;
  await client.query(`declare ${name} no scroll cursor with hold for ${text}`, params);
  try {
    for (;;) {
      const { rows } = await client.query<T>(`fetch forward ${Math.max(1, Math.floor(batchSize))} from ${name}`);
      if (rows.length === 0) return;
      yield rows;
    }
  } finally {
    await client.query(`close ${name}`).catch(() => {});
  }
}

export interface PostgresOptions {
  /** Pool size; 10 suits a 2-core machine. */
  max?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

/** A service's own PostgreSQL database over a postgres.js pool. */
export function databaseOnPostgres(url: string, options: PostgresOptions = {}): Database {
  const client = tracedPostgres(
    postgres(url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? 'sbor' },
    }),
    url,
  );
  const db = drizzlePostgres(client);
  return {
    kind: 'postgres',
    db,
    ping: async () => {
      await client`select 1`;
      return true;
    },
    migrate: async ({ migrationsFolder, schema }) => {
      // Replicas starting together would race on CREATE TABLE; an advisory lock keyed on the
      // schema makes the second one wait and then find nothing left to do.
      const reserved = await client.reserve();
      try {
        await reserved`select pg_advisory_lock(hashtext(${`sbor.migrate.${schema}`}))`;
        await migratePostgres(db, { migrationsFolder, migrationsSchema: `${schema}_migrations`, migrationsTable: 'applied' });
      } finally {
        await reserved`select pg_advisory_unlock(hashtext(${`sbor.migrate.${schema}`}))`.catch(() => {});
        reserved.release();
      }
    },
    // postgres.js's own cursor: a portal on one pooled connection, read `batchSize` rows at a time.
    stream: <T extends Record<string, unknown>>(query: SQL, batchSize: number) => {
      const { sql: text, params } = dialect.sqlToQuery(query);
      const rows = client.unsafe<T[]>(text, params as postgres.ParameterOrJSON<never>[]);
      return rows.cursor(Math.max(1, Math.floor(batchSize))) as AsyncIterable<T[]>;
    },
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}

/** Runs `fn` with the transaction-scoped lock `key` held, so one replica at a time does the work. */
export async function withTransactionLock<T>(tx: Tx, key: string, fn: () => Promise<T>): Promise<T | undefined> {
  const rows = await tx.execute<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext(${key})) as locked`);
  const locked = (Array.isArray(rows) ? rows[0] : (rows as { rows: { locked: boolean }[] }).rows[0])?.locked;
  if (!locked) return undefined;
  return fn();
}

/** Rows of a raw `execute`, whichever driver ran it (postgres.js returns an array, PGlite `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
