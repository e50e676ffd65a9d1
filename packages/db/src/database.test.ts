import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMBEDDED_POSTGRES_MAJOR, EmbeddedDataVersionError, openEmbeddedPostgres } from './database.js';

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
