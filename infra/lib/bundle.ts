/**
 * Bundles the programs Sbor runs in production into `dist/`, so the image runs `node dist/<name>.js`
 * on production dependencies alone: no tsx, nothing compiled at run time.
 *
 * - Our code (every workspace, `@sbor/*`) is bundled; third-party packages stay in node_modules,
 *   which `npm ci --omit=dev --workspace=@sbor/platform` installs (Dockerfile). Each import left to
 *   node_modules is checked against the lockfile: a dev-only package fails the build, not the pod.
 * - A workspace's own copy of a package (`packages/cache/node_modules/ioredis`, a different version
 *   than the root's) is imported by its path, since the bundle in dist/ would find the root's.
 * - `import.meta.url` in our code keeps meaning the source file's own place in the repository, so
 *   `new URL('../schema.graphql', import.meta.url)` still finds its file: the image keeps those
 *   files (RUNTIME_FILES) where they are in the repository, with dist/ beside them.
 * - All entries are built together with code splitting: a module two entries share, such as the
 *   tracing state that `telemetry-register` starts and the service reads, is one module at run time.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { join, relative, sep } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { productionPackages, readLock } from './production-packages.js';

/** The programs: output name (`dist/<name>.js`) → entry point, relative to the repository. */
export const PROGRAMS = {
  router: 'router/src/main.ts',
  users: 'subgraphs/users/src/main.ts',
  events: 'subgraphs/events/src/main.ts',
  tickets: 'subgraphs/tickets/src/main.ts',
  notifications: 'subgraphs/notifications/src/main.ts',
  /** Everything in one process, embedded or full mode, as `npm start` runs it. */
  platform: 'packages/platform/src/main.ts',
  migrate: 'packages/platform/src/migrate.ts',
  'create-topics': 'infra/create-topics.ts',
} as const;

/** Modules that must run before a program's dependencies load, so each is a file of its own. */
const PRELOADS = {
  /** `node --import ./dist/telemetry-register.js dist/<program>.js`: tracing hooks go in first. */
  'telemetry-register': 'packages/core/src/telemetry-register.ts',
  /** Refuses an old Node before anything else runs; every program starts with it (programStart). */
  'require-node': 'packages/core/src/require-node.ts',
} as const;

/**
 * `dist/<program>.js` itself: the Node check, then the program. A bundle's own imports of shared
 * chunks come before anything it imports by name, so the check could not go first any other way.
 */
const programStart = (entry: string) => `import '@sbor/core/require-node';\nawait import(${JSON.stringify(`./${entry}`)});\n`;

/**
 * What the bundles read at run time through `import.meta.url`, by place in the repository (globs):
 * the image copies them to the same places. web/dist is the app the router serves at `/`.
 */
export const RUNTIME_FILES = [
  'schema/supergraph.graphql',
  'subgraphs/*/schema.graphql',
  'subgraphs/*/migrations',
  'packages/messaging/migrations',
  'web/dist',
] as const;

/** The workspace whose production dependencies the image installs (it depends on all the others). */
export const IMAGE_WORKSPACE = '@sbor/platform';

/**
 * Imports a bundle may keep although the image does not install them: web/build.ts loads Vite only
 * to rebuild a stale web/dist, and the image ships web/dist built, so it is never stale there.
 */
const BUILD_TIME_ONLY = new Set(['vite']);

const posix = (path: string) => path.split(sep).join('/');

/** `…/node_modules/@scope/name/lib/x.js` → `…/node_modules/@scope/name` (the package's folder). */
function packageFolder(file: string): string {
  const at = file.lastIndexOf('/node_modules/') + '/node_modules/'.length;
  const parts = file.slice(at).split('/');
  return file.slice(0, at) + parts.slice(0, parts[0]!.startsWith('@') ? 2 : 1).join('/');
}

interface LeftToNodeModules {
  /** The package's lockfile key (`node_modules/kafkajs`). */
  key: string;
  importer: string;
  name: string;
}

const RESOLVING = Symbol('resolving');

/**
 * Starts each program with the Node check, bundles our code, leaves third-party packages to
 * node_modules (recorded in `left` under the import written into the bundle), and points
 * `import.meta.url` at each source file's own place.
 */
function sborPlugin(root: string, left: Map<string, LeftToNodeModules>): Plugin {
  const preloads = new Map(Object.entries(PRELOADS).map(([name, file]) => [join(root, file), `./${name}.js`]));
  const programs = new Set<string>(Object.values(PROGRAMS));
  return {
    name: 'sbor',
    setup(esbuild) {
      esbuild.onResolve({ filter: /.*/ }, (args) => {
        const entry = args.kind === 'entry-point' && posix(relative(root, join(root, args.path)));
        return entry && programs.has(entry) ? { path: entry, namespace: 'program' } : undefined;
      });
      esbuild.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === RESOLVING) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const resolved = await esbuild.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: RESOLVING,
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const preload = preloads.get(resolved.path);
        if (preload) return { path: preload, external: true };
        const file = posix(resolved.path);
        if (!file.includes('/node_modules/')) return { path: resolved.path }; // a workspace: bundled
        const key = posix(relative(root, packageFolder(file)));
        const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
        // dist/ sits at the root, so a bare name finds the root's copy; a workspace's own copy is
        // imported by its path (Node reads that file, CommonJS or ESM, as it would by name).
        const path = key === `node_modules/${name}` ? args.path : `../${posix(relative(root, resolved.path))}`;
        if (!left.has(path)) left.set(path, { key, name, importer: posix(relative(root, args.importer)) });
        return { path, external: true };
      });

      esbuild.onLoad({ filter: /.*/, namespace: 'program' }, (args) => ({ contents: programStart(args.path), resolveDir: root }));

      esbuild.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta')) return undefined;
        const file = posix(relative(root, args.path));
        if (/import\.meta\.(dirname|filename|resolve)\b/.test(source)) {
          return {
            errors: [{ text: `${file}: use import.meta.url (the build maps it to this file's place; not dirname, filename or resolve)` }],
          };
        }
        // Every output is directly in dist/, so `../<file>` from a bundle is this file's own URL.
        const contents = source.replace(/\bimport\.meta\.url\b/g, `new URL(${JSON.stringify(`../${file}`)}, import.meta.url).href`);
        const loader = /\.[cm]?tsx?$/.test(file) ? (file.endsWith('x') ? 'tsx' : 'ts') : 'js';
        return { contents, loader };
      });
    },
  };
}

/** Imports left in the bundles that the image would not have, as readable lines. */
function notInstalled(metafile: Metafile, left: Map<string, LeftToNodeModules>, installed: Set<string>): string[] {
  const problems = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const { path, external } of output.imports) {
      if (!external || isBuiltin(path) || path.startsWith('./')) continue;
      const found = left.get(path);
      if (!found) problems.add(`${path}: left to node_modules, but the build did not see where it comes from`);
      else if (!installed.has(found.key) && !BUILD_TIME_ONLY.has(found.name)) {
        problems.add(`${found.name} (${found.key}), imported by ${found.importer}, is not a production dependency of ${IMAGE_WORKSPACE}`);
      }
    }
  }
  return [...problems];
}

/**
 * Bundles PROGRAMS and PRELOADS from the repository at `root` into `<into>/dist` (replacing it),
 * with source maps. `into` is the root of the runtime tree: dist/ beside RUNTIME_FILES and
 * node_modules, as in the image's /app.
 */
export async function bundle(root: string, into: string = root): Promise<void> {
  const outdir = join(into, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const left = new Map<string, LeftToNodeModules>();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { ...PROGRAMS, ...PRELOADS },
    outdir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Resolve packages as Node does: no `module` condition or field (graphql has both, and Apollo
    // must get the same copy we do), so an import by path names the file Node would load.
    conditions: ['node'],
    mainFields: ['main'],
    // Class and function names survive the renaming bundling needs (logs and errors print them).
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [sborPlugin(root, left)],
  });
  const problems = notInstalled(result.metafile, left, productionPackages(readLock(root), IMAGE_WORKSPACE));
  if (problems.length > 0) throw new Error(`the bundles import packages the image does not install:\n  ${problems.join('\n  ')}`);
  // The bundles are ES modules wherever dist/ goes; the Dockerfile copies the listed files.
  writeFileSync(join(outdir, 'package.json'), `${JSON.stringify({ type: 'module' })}\n`);
  writeFileSync(join(outdir, 'runtime-files.txt'), `${RUNTIME_FILES.join('\n')}\n`);
}
