import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../src/testing.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sbor-embedded-lock-'));
const lockFile = join(dataDir, 'sbor.lock');
const running: TestPlatform[] = [];
afterAll(async () => {
  for (const platform of running) await platform.stop();
});

const serves = async (platform: TestPlatform) => (await platform.gql<{ __typename: string }>('{ __typename }')).data?.__typename;

describe('npm start in embedded mode', () => {
  it('never opens data another running Sbor holds: it refuses by pid, and the first keeps serving', async () => {
    const first = await startTestPlatform('embedded', { DATA_DIR: dataDir });
    running.push(first);

    const second = await startTestPlatform('embedded', { DATA_DIR: dataDir }).then(
      (platform) => (running.push(platform), undefined),
      (error: unknown) => error,
    );

    expect((second as Error).message).toContain(`Sbor is already running with this data (pid ${process.pid})`);
    expect(await serves(first)).toBe('Query');
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    await running.pop()!.stop();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('starts after a crash: a lock left by a process that is gone is taken over', async () => {
    writeFileSync(lockFile, `${spawnSync(process.execPath, ['-e', '']).pid}\n`);
    const next = await startTestPlatform('embedded', { DATA_DIR: dataDir });
    running.push(next);
    expect(await serves(next)).toBe('Query');
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
  });
});
