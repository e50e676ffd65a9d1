/**
 * A PostgreSQL backend that dies mid-query (a restart, a failover, pg_terminate_backend) must cost
 * the queries on it, never the process. postgres.js 3.4.9 instead threw from a timer
 * (`Cannot read properties of null (reading 'write')`), left promises of its own rejected with no
 * handler (CONNECTION_CLOSED, 57P01), let queries hang forever and ended cursors early as if all
 * rows had been read (porsager/postgres#1208). patches/postgres+3.4.9.patch fixes the driver; this
 * kills backends under load until each of those would have shown.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOnPostgres, DEFAULT_ADMIN_URL } from '../src/index.js';

const url = process.env.TEST_POSTGRES_ADMIN_URL ?? DEFAULT_ADMIN_URL;
const app = `sbor-connection-loss-${randomUUID().slice(0, 8)}`;
const ROUNDS = 50;
const STREAM_ROWS = 2000;
/** Far beyond any statement here (the longest sleeps 0.3 s): only a query nobody will ever settle gets there. */
const HUNG_AFTER_MS = 30_000;
/** What a query may fail with when its backend is killed: the driver's and the server's words for it. */
const CONNECTION_LOSS = new Set(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE', '57P01']);

const database = databaseOnPostgres(url, { max: 4, applicationName: app });
const { db } = database;
// reserve() (what migrate() uses) is not on the Database interface: the driver directly.
const raw = postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: app } });
const admin = postgres(url, { max: 1, onnotice: () => {} });

const crashes: string[] = [];
const onUncaught = (error: Error) => crashes.push(`uncaughtException: ${error.stack ?? error.message}`);
const onUnhandled = (reason: unknown) => crashes.push(`unhandledRejection: ${(reason as Error)?.stack ?? String(reason)}`);

beforeAll(() => {
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUnhandled);
});

afterAll(async () => {
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUnhandled);
  await Promise.all([database.close(), raw.end({ timeout: 5 }), admin.end({ timeout: 5 })]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function codeOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

const isConnectionLoss = (error: unknown) => CONNECTION_LOSS.has(codeOf(error) ?? '');

/** 'ok', a connection-loss code, or a problem: any other error, or no answer at all. */
async function outcome(name: string, work: () => Promise<unknown>): Promise<{ name: string; result: string; problem: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer after ${HUNG_AFTER_MS} ms`)), HUNG_AFTER_MS);
  });
  try {
    await Promise.race([work(), hung]);
    return { name, result: 'ok', problem: false };
  } catch (error) {
    const loss = isConnectionLoss(error);
    return { name, result: loss ? codeOf(error)! : String((error as Error)?.message ?? error), problem: !loss };
  } finally {
    clearTimeout(timer);
  }
}

const killBackends = () => admin`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${app}`;

async function readStream(upTo = STREAM_ROWS): Promise<void> {
  let rows = 0;
  for await (const batch of database.stream(sql`select g from generate_series(1, ${STREAM_ROWS}) as g`, 100)) {
    rows += batch.length;
    if (rows >= upTo) return; // leaving early closes the cursor
    await sleep(3); // a reader that holds each batch a moment: the kill often lands between batches
  }
  if (rows !== STREAM_ROWS) throw new Error(`the stream ended after ${rows} of ${STREAM_ROWS} rows without an error`);
}

/** Everything the services do with a pooled connection, in flight at once. */
function load() {
  const slow = sql`select pg_sleep(0.3)`;
  return [
    outcome('query', () => db.execute(slow)),
    outcome('query', () => db.execute(slow)),
    outcome('query', () => db.execute(slow)),
    outcome('transaction', () =>
      db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        await tx.execute(slow);
        await tx.execute(sql`select 2`);
      }),
    ),
    outcome('transaction, statements in parallel', () =>
      db.transaction((tx) => Promise.all([tx.execute(slow), tx.execute(sql`select 2`), tx.execute(sql`select 3`)])),
    ),
    outcome('reserved connection', async () => {
      const reserved = await raw.reserve();
      try {
        await reserved`select pg_sleep(0.3)`;
        await reserved`select 1`;
      } finally {
        reserved.release();
      }
    }),
    outcome('stream', () => readStream()),
    outcome('stream left early', () => readStream(STREAM_ROWS / 4)),
  ];
}

/** The last kill may leave a socket whose close the driver has not read yet: its next statement fails like those above, then the pool reconnects. */
async function poolAnswers(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await Promise.all(Array.from({ length: 8 }, () => db.execute(sql`select 1`)));
      await db.transaction((tx) => tx.execute(sql`select 1`));
      const reserved = await raw.reserve();
      await reserved`select 1`;
      reserved.release();
      await readStream();
      return;
    } catch (error) {
      if (!isConnectionLoss(error) || attempt === 10) throw error;
    }
  }
}

describe('postgres.js when a backend dies mid-query (porsager/postgres#1208)', () => {
  it('runs the patched 3.4.9: drop patches/postgres+3.4.9.patch and this check once a release fixes #1208', () => {
    // The package exports no package.json; its CommonJS entry is cjs/src/index.js.
    const root = join(dirname(createRequire(import.meta.url).resolve('postgres')), '..', '..');
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version).toBe('3.4.9');
    for (const variant of ['src', 'cjs/src', 'cf/src']) {
      const patched = readFileSync(join(root, variant, 'connection.js'), 'utf8').includes('Patched (porsager/postgres#1208)');
      expect(patched, `${variant}/connection.js lacks the patch: did \`npm ci\` run the postinstall (patch-package)?`).toBe(true);
    }
  });

  it('fails only the queries on a killed backend, never the process, and the pool works afterwards', { timeout: 240_000 }, async () => {
    const results: Record<string, number> = {};
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS && problems.length === 0 && crashes.length === 0; round++) {
      const work = load();
      await sleep(20 + (round % 7) * 15); // lands the kill in different phases: connecting, mid-statement, between batches
      await killBackends();
      for (const { name, result, problem } of await Promise.all(work)) {
        results[`${name}: ${result}`] = (results[`${name}: ${result}`] ?? 0) + 1;
        if (problem) problems.push(`round ${round}, ${name}: ${result}`);
      }
      if (round % 5 === 4) await killBackends(); // idle connections too
    }

    expect({ crashes, problems }).toEqual({ crashes: [], problems: [] });
    // The kills did land: some work failed, and only with connection-loss errors (above).
    expect(Object.keys(results).some((key) => !key.endsWith(': ok'))).toBe(true);
    await killBackends();
    await expect(poolAnswers()).resolves.toBeUndefined();
    expect(crashes).toEqual([]);
  });
});
