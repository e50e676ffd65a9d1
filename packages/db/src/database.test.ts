import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  databaseOnPglite,
  EMBEDDED_POSTGRES_MAJOR,
  EmbeddedDataUnreadableError,
  EmbeddedDataVersionError,
  openEmbeddedPostgres,
} from './database.js';

describe('openEmbeddedPostgres', () => {
  it('runs the PostgreSQL major it checks data directories against', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbor-pglite-'));
    const client = await openEmbeddedPostgres(dir);
    try {
      const { rows } = await client.query<{ major: string }>(`select (current_setting('server_version_num')::int / 10000)::text as major`);
      expect(rows[0]?.major).toBe(String(EMBEDDED_POSTGRES_MAJOR));
      expect(readFileSync(join(dir, 'PG_VERSION'), 'utf8').trim()).toBe(String(EMBEDDED_POSTGRES_MAJOR));
    } finally {
      await client.close();
    }
  });

  it('refuses data written by an older PostgreSQL, says what to do, and leaves it untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbor-pglite-old-'));
    writeFileSync(join(dir, 'PG_VERSION'), '17\n');
    writeFileSync(join(dir, 'postgresql.conf'), '# from PGlite 0.3\n');

    const failure = await openEmbeddedPostgres(dir).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(EmbeddedDataVersionError);
    expect((failure as Error).message).toContain('written by PostgreSQL 17');
    expect((failure as Error).message).toContain(`mv ${dir} ${dir}-pg17`);
    expect(readdirSync(dir).sort()).toEqual(['PG_VERSION', 'postgresql.conf']);
  });
});

describe('openEmbeddedPostgres on damaged data', () => {
  it('never answers with a bare Aborted(): it names the data directory and what to do', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbor-pglite-damaged-'));
    const client = await openEmbeddedPostgres(dir);
    await client.close();
    // What a second writer or a torn write can leave behind: a control file PostgreSQL cannot read.
    writeFileSync(join(dir, 'global', 'pg_control'), Buffer.alloc(8192, 7));

    const failure = await openEmbeddedPostgres(dir).then(
      () => undefined,
      (error: unknown) => error,
    );

    expect(failure).toBeInstanceOf(EmbeddedDataUnreadableError);
    const message = (failure as Error).message;
    expect(message).toContain(`The embedded database in ${dir} could not be opened`);
    expect(message).toContain(`mv ${dir} ${dir}-damaged`);
    expect(message).toMatch(/restore a backup/);
  });
});

describe('Database.stream on PGlite', () => {
  it('reads the rows in batches through a cursor that holds no transaction, and closes it when the reader stops early', async () => {
    const client = await openEmbeddedPostgres();
    try {
      const database = databaseOnPglite(client);
      await client.exec('create table numbers (n int primary key); insert into numbers select g from generate_series(1, 2500) g');
      const batches: number[] = [];
      for await (const rows of database.stream<{ n: number }>(sql`select n from numbers where n > ${500} order by n`, 1000)) {
        batches.push(rows.length);
        // Another service's statement between two fetches: the one connection is not held.
        await database.db.execute(sql`insert into numbers values (${10_000 + batches.length})`);
      }
      expect(batches).toEqual([1000, 1000]);

      for await (const rows of database.stream<{ n: number }>(sql`select n from numbers order by n`, 10)) {
        expect(rows[0]).toEqual({ n: 1 });
        break;
      }
      const open = await client.query<{ n: number }>("select count(*)::int as n from pg_cursors where name like 'sbor_cursor_%'");
      expect(open.rows[0]!.n).toBe(0);
    } finally {
      await client.close();
    }
  });
});
