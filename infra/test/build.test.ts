import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, globSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CodegenContext } from '@graphql-codegen/cli';
import { Kind } from 'graphql';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/db';
import { graphqlClient } from '@sbor/platform';
import { waitFor } from '@sbor/testing';
import { buildWebApp } from '@sbor/web/build';
import { freePort } from '../../test/faults/support/cluster.js';
import { bundle, IMAGE_WORKSPACE, PROGRAMS, RUNTIME_FILES } from '../lib/bundle.js';
import { productionPackages, readLock } from '../lib/production-packages.js';
import { SAFELIST_FILE_NAME, safelistOf, type SafelistManifest } from '../../router/src/safelist.js';
import { writeWebSafelist } from '../../router/src/write-safelist.js';
import webCodegen from '../../web/codegen.js';

/**
 * `npm run build` (infra/build.ts → infra/lib/bundle.ts) and the image it feeds (Dockerfile): the
 * bundles run on plain Node from a tree laid out like the image's /app, and the image installs
 * production dependencies only.
 */
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WORKSPACES = ['packages/*', 'subgraphs/*', 'router', 'schema'];

/**
 * The image's /app without Docker: dist/, the RUNTIME_FILES copied to their places, and the
 * repository's node_modules linked in (the root's and each workspace's own). No TypeScript source.
 */
async function imageTree(): Promise<string> {
  const tree = mkdtempSync(join(tmpdir(), 'sbor-image-'));
  await bundle(REPO, tree);
  for (const file of RUNTIME_FILES.flatMap((pattern) => globSync(pattern, { cwd: REPO }))) {
    cpSync(join(REPO, file), join(tree, file), { recursive: true });
  }
  const modules = ['node_modules', ...WORKSPACES.flatMap((w) => globSync(`${w}/node_modules`, { cwd: REPO }))];
  for (const folder of modules) {
    mkdirSync(dirname(join(tree, folder)), { recursive: true });
    symlinkSync(join(REPO, folder), join(tree, folder));
  }
  return tree;
}

interface Program {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * `node dist/<program>.js` as docker-compose.yml runs it, plus --no-experimental-strip-types: Node
 * 24 could otherwise run a stray .ts file itself. Only PATH is inherited, so no loader (tsx) can
 * come in through NODE_OPTIONS.
 */
function run(tree: string, program: keyof typeof PROGRAMS, env: Record<string, string>): Program {
  const args = ['--enable-source-maps', '--no-experimental-strip-types', '--import', './dist/telemetry-register.js', `dist/${program}.js`];
  const child = spawn(process.execPath, args, { cwd: tree, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves when `url` answers 2xx; throws with the program's output if it exits or takes too long. */
async function ready(program: Program, url: string): Promise<void> {
  await waitFor(
    async () => {
      if (program.child.exitCode !== null) throw new Error(`exited with ${program.child.exitCode}:\n${program.output()}`);
      return (await fetch(url).catch(() => undefined))?.ok;
    },
    30_000,
    `${url} (output so far:\n${program.output()})`,
  );
}

describe('npm run build: dist/ as the image runs it', () => {
  let tree: string;
  let database: ScratchDatabase;
  const programs: Program[] = [];
  let routerUrl: string;

  beforeAll(async () => {
    tree = await imageTree();
    database = await createScratchDatabase('sbor_dist_users');
    const [usersPort, routerPort] = [await freePort(), await freePort()];
    const users = `http://127.0.0.1:${usersPort}`;
    const shared = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ROUTER_SECRET: randomBytes(32).toString('base64'),
      JWKS_URL: `${users}/.well-known/jwks.json`,
    };
    const usersProgram = run(tree, 'users', {
      ...shared,
      USERS_PORT: String(usersPort),
      DATABASE_URL_USERS: database.url,
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      CACHE_PREFIX: `sbor-dist-${randomBytes(4).toString('hex')}:`,
    });
    programs.push(usersProgram);
    // The other subgraphs are not started: a registration's plan only reaches users.
    const unused = `http://127.0.0.1:${await freePort()}/graphql`;
    const router = run(tree, 'router', {
      ...shared,
      ROUTER_PORT: String(routerPort),
      USERS_URL: `${users}/graphql`,
      EVENTS_URL: unused,
      TICKETS_URL: unused,
      NOTIFICATIONS_URL: unused,
    });
    programs.push(router);
    routerUrl = `http://127.0.0.1:${routerPort}/graphql`;
    await Promise.all([ready(usersProgram, `${users}/readyz`), ready(router, `http://127.0.0.1:${routerPort}/healthz`)]);
  });

  afterAll(async () => {
    await Promise.all(programs.map((program) => program.stop()));
    await database?.drop();
    if (tree) rmSync(tree, { recursive: true, force: true });
  });

  it('writes one dist/<program>.js per program, and no TypeScript goes into the tree', () => {
    for (const program of Object.keys(PROGRAMS)) expect(existsSync(join(tree, 'dist', `${program}.js`)), program).toBe(true);
    expect(globSync('**/*.ts', { cwd: tree, exclude: (name) => name === 'node_modules' })).toEqual([]);
  });

  it('registers a user through the built router and users subgraph, and the token it gets works', async () => {
    const gql = graphqlClient(routerUrl);
    const email = `dist-${randomBytes(4).toString('hex')}@example.com`;
    const registered = await gql<{ register: { accessToken: string } }>(
      'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
      { input: { email, password: 'correct horse battery staple', displayName: 'Dist' } },
    );
    expect(registered.errors, JSON.stringify(registered.errors)).toBeUndefined();
    // The router checks the token against the users subgraph's JWKS, then plans `me` to users.
    const me = await gql<{ me: { email: string } }>('{ me { email } }', undefined, { token: registered.data!.register.accessToken });
    expect(me.errors, JSON.stringify(me.errors)).toBeUndefined();
    expect(me.data?.me.email).toBe(email);
  });
});

describe('the image installs production dependencies only', () => {
  const installed = productionPackages(readLock(REPO), IMAGE_WORKSPACE);

  it('leaves out the test, lint, build and benchmark tools (package-lock.json)', () => {
    const tools = [
      'vitest',
      'eslint',
      'tsx',
      'typescript',
      'esbuild',
      'vite',
      'turbo',
      '@graphql-hive/gateway',
      'autocannon',
      'playwright',
    ];
    expect(tools.filter((tool) => installed.has(`node_modules/${tool}`))).toEqual([]);
    // The one ioredis it gets is the major @sbor/cache declares, wherever npm placed it.
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const ioredis = [...installed].filter((key) => key.endsWith('node_modules/ioredis'));
    expect(ioredis.map((key) => lock.packages[key]!.version)).toEqual([expect.stringMatching(/^6\./)]);
  });

  it('is what the Dockerfile runtime stage installs, and it runs dist/ as the node user', () => {
    const runtime = readFileSync(join(REPO, 'Dockerfile'), 'utf8')
      .split(/^FROM /m)
      .at(-1)!;
    expect(runtime).toMatch(new RegExp(`npm ci --omit=dev --workspace=${IMAGE_WORKSPACE} `));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \["node", "--enable-source-maps", .*"dist\/router\.js"\]$/m);
    expect(runtime).not.toMatch(/tsx|npm run build/);
    // patch-package is a dev dependency: every file the patches change comes from the build stage.
    expect(runtime).toMatch(/^COPY --from=build \/patched\/ \.\/$/m);
    expect(readFileSync(join(REPO, 'Dockerfile'), 'utf8')).toContain(
      `sed -n 's|^+++ b/||p' patches/*.patch | xargs cp --parents -t /patched`,
    );
  });

  it('builds and runs on the Node major that .nvmrc pins (every FROM node: line)', () => {
    const pinned = readFileSync(join(REPO, '.nvmrc'), 'utf8').trim().replace(/^v/, '').split('.')[0];
    const bases = readFileSync(join(REPO, 'Dockerfile'), 'utf8').match(/^FROM node:\S+/gm) ?? [];
    expect(bases.length).toBeGreaterThanOrEqual(1);
    for (const base of bases) expect(base).toMatch(new RegExp(`^FROM node:${pinned}(\\D|$)`));
  });

  it('runs a built program in every docker-compose.yml service of the image', () => {
    const compose = parse(readFileSync(join(REPO, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { image?: string; command?: string[] }>;
    };
    const ours = Object.entries(compose.services).filter(([, service]) => service.image === 'sbor:local');
    expect(ours.length).toBeGreaterThanOrEqual(6);
    for (const [name, service] of ours) {
      const program = service.command?.at(-1);
      expect(program, name).toMatch(/^dist\/[\w-]+\.js$/);
      expect(Object.keys(PROGRAMS), name).toContain(program!.slice('dist/'.length, -'.js'.length));
      expect(service.command!.slice(0, 2), name).toEqual(['node', '--enable-source-maps']);
    }
  });
});

describe('npm run build: web/dist and the manifest of its operations (ROUTER_SAFELIST)', () => {
  it('writes persisted-operations.json beside the built app, with every operation of the documents codegen reads from web/src', async () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'sbor-web-')), 'dist');
    try {
      // What infra/build.ts runs after the bundles: the app (ensureWebBuild builds it so), then the manifest.
      await buildWebApp(dist);
      writeWebSafelist(join(dist, SAFELIST_FILE_NAME));

      const manifest = JSON.parse(readFileSync(join(dist, SAFELIST_FILE_NAME), 'utf8')) as SafelistManifest;
      const documents = await new CodegenContext({ config: webCodegen }).loadDocuments(webCodegen.documents!, 'standard');
      const operations = documents.flatMap(({ document }) =>
        document!.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [`${d.operation} ${d.name?.value}`] : [])),
      );
      expect(operations.length).toBeGreaterThan(50);
      expect(manifest.operations.map((o) => `${o.type} ${o.name}`).sort()).toEqual(operations.sort());
      // The router loads it as is, and the image copies web/dist whole (Dockerfile: dist/runtime-files.txt).
      expect(safelistOf(manifest).size).toBe(operations.length);
      expect(existsSync(join(dist, 'index.html'))).toBe(true);
      expect(RUNTIME_FILES).toContain('web/dist');
    } finally {
      rmSync(dirname(dist), { recursive: true, force: true });
    }
  }, 120_000);
});
