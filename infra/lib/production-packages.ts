/**
 * What `npm ci --omit=dev --workspace=<name>` installs, read from package-lock.json: the lockfile
 * keys (`node_modules/kafkajs`, `packages/cache/node_modules/ioredis`) of every package reachable
 * from that workspace through production dependencies, by Node's own lookup (the importer's
 * node_modules first, then each enclosing folder's). The build checks every import it leaves to
 * node_modules against this set, so a bundle never needs a package the image does not have.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  name?: string;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
type Lock = Record<string, LockEntry>;

export function readLock(root: string): Lock {
  return (JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Lock }).packages;
}

/** The lockfile key of `name` as Node finds it from the package at `from` (a lockfile key too). */
function locate(lock: Lock, from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '') {
    const key = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (lock[key]) return key;
    if (!dir) return undefined;
  }
}

/** Lockfile keys of the workspace named `workspace` and of all it needs at run time. */
export function productionPackages(lock: Lock, workspace: string): Set<string> {
  const start = Object.keys(lock).find((key) => !key.includes('node_modules/') && lock[key]!.name === workspace);
  if (start === undefined) throw new Error(`package-lock.json has no workspace named ${workspace}`);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const entry = lock[key]!;
    if (entry.link && entry.resolved) return visit(entry.resolved);
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((name) => !entry.peerDependenciesMeta?.[name]?.optional);
    for (const name of [...Object.keys(entry.dependencies ?? {}), ...Object.keys(entry.optionalDependencies ?? {}), ...peers]) {
      const found = locate(lock, key, name);
      if (found) visit(found);
    }
  };
  visit(start);
  return seen;
}
