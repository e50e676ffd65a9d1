import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseOnPostgres } from '@sbor/db';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/testing';
import { qrKeyStore } from '@sbor/tickets';
import { accessKeyStore } from '@sbor/users';
import { lockDataDir } from '../src/embedded-lock.js';
import { keysCommand } from '../src/keys-command.js';

const root = path.resolve(import.meta.dirname, '../../..');
let users: ScratchDatabase;
let tickets: ScratchDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  [users, tickets] = await Promise.all([createScratchDatabase('keys_cli_users'), createScratchDatabase('keys_cli_tickets')]);
  env = { DATABASE_URL_USERS: users.url, DATABASE_URL_TICKETS: tickets.url };
});

afterAll(async () => {
  await users?.drop();
  await tickets?.drop();
});

async function keysIn(url: string, kind: 'jwt' | 'qr') {
  const database = databaseOnPostgres(url, { max: 1 });
  try {
    return await (kind === 'jwt' ? accessKeyStore(database.db) : qrKeyStore(database.db)).all();
  } finally {
    await database.close();
  }
}

describe('npm run keys', () => {
  it('rotates a key: the new one is listed as next, the old one verifies until its grace ends', async () => {
    const first = await keysCommand(['rotate', 'qr'], env);
    expect(first.join('\n')).toMatch(/New qr key [0-9a-f]{16} signs ticket codes from/);
    const [original] = await keysIn(tickets.url, 'qr');

    const lines = await keysCommand(['rotate', 'qr', '--grace', '2h'], env);
    expect(lines[1]).toContain(`Replaced ${original!.kid}`);
    const [old, next] = await keysIn(tickets.url, 'qr');
    expect(next!.activatesAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(old!.retiredAt).toEqual(next!.activatesAt);
    expect(old!.expiresAt!.getTime() - next!.activatesAt.getTime()).toBe(2 * 3_600_000);

    const listed = (await keysCommand(['list'], env)).filter((line) => line.startsWith('qr'));
    expect(listed.map((line) => line.split(/\s+/).slice(1, 3))).toEqual([
      [old!.kid, 'signing'],
      [next!.kid, 'next'],
    ]);
  });

  it('retires a leaked key at once and has a fresh one sign in its place', async () => {
    await keysCommand(['rotate', 'jwt'], env);
    const [leaked] = await keysIn(users.url, 'jwt');
    const lines = await keysCommand(['retire', 'jwt', leaked!.kid], env);
    expect(lines[0]).toContain(`Retired jwt key ${leaked!.kid}`);
    const keys = await keysIn(users.url, 'jwt');
    expect(keys.find((k) => k.kid === leaked!.kid)!.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now());
    const signing = keys.filter((k) => k.kid !== leaked!.kid && k.activatesAt.getTime() <= Date.now() && !k.retiredAt);
    expect(signing).toHaveLength(1);
    expect(lines[1]).toContain(`Key ${signing[0]!.kid} signs access tokens now`);
  });

  it('says what is wrong with a command, and changes nothing', async () => {
    const before = await keysIn(users.url, 'jwt');
    await expect(keysCommand(['retire', 'jwt', 'no-such-key'], env)).rejects.toThrow('There is no jwt key no-such-key');
    await expect(keysCommand(['rotate', 'rsa'], env)).rejects.toThrow('Say which keys: jwt (access tokens) or qr (ticket codes)');
    await expect(keysCommand(['rotate', 'jwt', '--grace', 'soon'], env)).rejects.toThrow('"soon" is not a duration');
    await expect(keysCommand(['spin'], env)).rejects.toThrow('Usage: npm run keys');
    await expect(keysCommand(['list'], { DATABASE_URL_USERS: users.url })).rejects.toThrow(
      'Set both DATABASE_URL_USERS and DATABASE_URL_TICKETS',
    );
    expect(await keysIn(users.url, 'jwt')).toEqual(before);
  });

  it('refuses embedded data that a running Sbor holds, saying to stop it first', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sbor-keys-'));
    const lock = await lockDataDir(dataDir);
    try {
      await expect(keysCommand(['rotate', 'jwt'], { DATA_DIR: dataDir })).rejects.toThrow(
        /already running with this data \(pid \d+\)[\s\S]*stop Sbor, run this again, then start it/,
      );
    } finally {
      await lock.release();
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('runs as an npm script and fails with a message, not a stack trace', async () => {
    const run = promisify(execFile)('npm', ['run', '--silent', 'keys', '--', 'retire', 'qr', 'ffffffffffffffff'], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    const failed = await run.then(
      () => expect.fail('expected a non-zero exit'),
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe('There is no qr key ffffffffffffffff; npm run keys -- list shows them.');
  });
});
