import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIR = fileURLToPath(new URL('.', import.meta.url));
export const WEB_DIST_DIR = path.join(WEB_DIR, 'dist');

/** What the build reads: when any of it is newer than dist/index.html, dist is stale. */
const SOURCES = [
  'src',
  'public',
  'index.html',
  'door.html',
  'vite.config.ts',
  'door-pwa.ts',
  'package.json',
  '../schema/supergraph.graphql',
];

/** Newest modification time under `target` (a file or a folder), 0 when it does not exist. */
function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why dist must be built, or undefined when it is current. */
export function staleReason(distDir = WEB_DIST_DIR): string | undefined {
  const index = path.join(distDir, 'index.html');
  if (!existsSync(index)) return 'web/dist is missing';
  const built = statSync(index).mtimeMs;
  const newer = SOURCES.find((source) => newestMtime(path.join(WEB_DIR, source)) > built);
  return newer ? `${path.normalize(path.join('web', newer))} changed since the last build` : undefined;
}

/** Builds the web app into `distDir` with Vite (production mode), replacing what was there. */
export async function buildWebApp(distDir = WEB_DIST_DIR): Promise<void> {
  const { build } = await import('vite');
  // Built beside and moved into place, so a router serving dist never sees half a build.
  const staging = `${distDir}.building-${process.pid}`;
  // Vite decides "production" (React's production build, the JSX runtime) from NODE_ENV, which a
  // test runner sets to `test`: the app must be built the same everywhere.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(WEB_DIR, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: staging, emptyOutDir: true },
    });
    rmSync(distDir, { recursive: true, force: true });
    renameSync(staging, distDir);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * `npm start` and the browser tests call this: builds web/dist when it is missing or older than its
 * sources, on one progress line that ends with how long it took; does nothing when it is current.
 */
export async function ensureWebBuild(write: (text: string) => void = (text) => process.stdout.write(text)): Promise<void> {
  const reason = staleReason();
  if (!reason) return;
  const started = Date.now();
  write(`Building the web app (${reason})… `);
  await buildWebApp();
  write(`done in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
}
