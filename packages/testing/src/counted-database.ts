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

export interface EntitiesAnswer {
  data?: { _entities: ({ id: string } | null)[] };
  errors?: unknown[];
}

/**
 * Sends one `_entities` request for `typename` with `ids` straight to a subgraph, as the router
 * would (its secret, the caller's token if any), and returns the answer and the statements it cost.
 */
export async function entitiesRequest(
  counted: CountedDatabase,
  request: { url: string; routerSecret: string; query: string; typename: string; ids: readonly string[]; token?: string },
): Promise<{ body: EntitiesAnswer; statements: string[] }> {
  let body: EntitiesAnswer = {};
  const statements = await counted.statementsOf(async () => {
    const response = await fetch(request.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'router-authorization': request.routerSecret,
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      },
      body: JSON.stringify({ query: request.query, variables: { r: request.ids.map((id) => ({ __typename: request.typename, id })) } }),
    });
    body = (await response.json()) as EntitiesAnswer;
  });
  return { body, statements };
}
