import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './embedded-lock.js';

/** A pid that was alive a moment ago and is not any more: what a crashed Sbor leaves in its lock. */
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('lockDataDir', () => {
  it('never lets a second holder in while the first is alive, and names its pid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbor-lock-'));
    const first = await lockDataDir(dir);
    const second = await lockDataDir(dir).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(second).toBeInstanceOf(DataDirLockedError);
    expect((second as Error).message).toContain(`Sbor is already running with this data (pid ${process.pid})`);
    expect(readFileSync(first.file, 'utf8').trim()).toBe(String(process.pid));
    await first.release();
    expect(existsSync(first.file)).toBe(false);
    const again = await lockDataDir(dir);
    await again.release();
  });

  it('takes over a lock whose process is gone (a crash)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbor-lock-stale-'));
    writeFileSync(join(dir, 'sbor.lock'), `${deadPid()}\n`);
    const lock = await lockDataDir(dir);
    expect(readFileSync(lock.file, 'utf8').trim()).toBe(String(process.pid));
    await lock.release();
  });

  it('lets exactly one of several simultaneous starters past a stale lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sbor-lock-race-'));
    writeFileSync(join(dir, 'sbor.lock'), `${deadPid()}\n`);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => lockDataDir(dir)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(DataDirLockedError);
  });
});
