import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { unsupportedNodeMessage } from './runtime.js';

const root = join(import.meta.dirname, '../../..');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const pinned = rootPackage.devDependencies.node!;

describe('the pinned Node.js', () => {
  it('runs this test, not the system Node', () => {
    expect(process.version).toBe(`v${pinned}`);
  });

  it('is the version .nvmrc and .node-version name, and an LTS 24 release', () => {
    expect(readFileSync(join(root, '.nvmrc'), 'utf8').trim()).toBe(pinned);
    expect(readFileSync(join(root, '.node-version'), 'utf8').trim()).toBe(pinned);
    expect(semver.major(pinned)).toBe(24);
    expect(semver.satisfies(pinned, rootPackage.engines.node)).toBe(true);
  });

  it('satisfies the engines of every installed package', () => {
    const refused: string[] = [];
    for (const manifest of installedManifests(join(root, 'node_modules'))) {
      const range = manifest.engines?.node;
      if (typeof range === 'string' && semver.validRange(range) && !semver.satisfies(pinned, range)) {
        refused.push(`${manifest.name}@${manifest.version} wants node ${range}`);
      }
    }
    expect(refused).toEqual([]);
  });
});

describe('unsupportedNodeMessage', () => {
  it('accepts Node 22 and later', () => {
    expect(unsupportedNodeMessage('v22.0.0')).toBeUndefined();
    expect(unsupportedNodeMessage('v24.21.0')).toBeUndefined();
    expect(unsupportedNodeMessage('v26.1.0')).toBeUndefined();
  });

  it('refuses Node 20 and says how to get 24', () => {
    const message = unsupportedNodeMessage('v20.20.2');
    expect(message).toContain('this is Node v20.20.2');
    expect(message).toContain('npm start');
    expect(message).toContain('nvm install');
  });
});

describe('an entry point on an old Node', () => {
  it('stops before starting anything, with the way to Node 24', async () => {
    // The real entry module, in a child whose process.version claims Node 20.
    const script = `Object.defineProperty(process, 'version', { value: 'v20.20.2' }); await import(${JSON.stringify(join(import.meta.dirname, 'require-node.ts'))}); console.log('started');`;
    const failure = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]).then(
      () => undefined,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    expect(failure?.stderr).toContain('Sbor needs Node.js 22 or later');
  });
});

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: unknown };
}

/** Every package.json under node_modules, nested ones included. */
function* installedManifests(dir: string): Generator<Manifest> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '.bin') continue;
    const path = join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      yield* installedManifests(path);
      continue;
    }
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')) as Manifest;
    } catch {
      continue;
    }
    yield manifest;
    try {
      yield* installedManifests(join(path, 'node_modules'));
    } catch {
      // no nested node_modules
    }
  }
}
