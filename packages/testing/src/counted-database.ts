import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { databaseOnPostgres, type Database } from '@sbor/db';

/** A service's database that counts the SQL statements its domain sends: tests of batching (no N+1). */
export interface CountedDatabase {
  database: Database;
  /** The text of every statement sent so far, transaction control (begin, commit) included. */
  statements(): readonly string[];
  /** The statements `work` sent, in order; run one piece of work at a time, or they mix. */
  statementsOf(work: () => Promise<unknown>): Promise<string[]>;
}

/**
 * The same PostgreSQL database as `databaseOnPostgres(url)`, but drizzle's handle runs on a pool
 * whose `debug` hook sees every statement as it is sent. Migrations, pings and cursors go through
 * the ordinary pool and are not counted.
 */
export function countedDatabase(url: string): CountedDatabase {
  const sent: string[] = [];
  const counted = postgres(url, {
    max: 10,
    onnotice: () => {},
    debug: (_connection, text) => {
      sent.push(text);
    },
  });
  const plain = databaseOnPostgres(url, { applicationName: 'sbor-counted' });
  const database: Database = {
    ...plain,
    db: drizzle(counted),
    close: async () => {
      await counted.end({ timeout: 5 });
      await plain.close();
    },
  };
  return {
    database,
    statements: () => sent,
    statementsOf: async (work) => {
      const before = sent.length;
      await work();
      return sent.slice(before);
    },
  };
}
