/**
 * The system under test, in full mode, on fresh scratch databases: the four subgraphs, and a
 * standalone router (`router/src/main.ts`) as its own child in front of them. Benchmarks drive the
 * standalone router, so the router process measured (CPU profile, memory per socket) is the router
 * alone, the way it is deployed, and it never shares an event loop with the subgraphs or with the
 * load generator.
 *
 * The subgraphs run either as the one-process launcher (`packages/platform/src/main.ts`, what
 * `npm start` runs; its own router sits idle) or one process per service (`subgraphs/<name>/src/main.ts`,
 * what docker compose runs), chosen with `--services one-process|per-service`.
 *
 * The tickets service's `PUBLIC_URL` is the standalone router's address (its port is chosen before
 * anything starts), so a SANDBOX `checkoutUrl` and the sandbox's webhook both go through the router
 * the benchmarks drive. The SANDBOX provider is refused with `NODE_ENV=production`, so a platform
 * started with `sandbox: true` runs the tickets service with `NODE_ENV=development` (the whole
 * launcher in one-process mode) and `PAYMENTS_SANDBOX=true`; the router stays in production.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/db';
import { ensureInfra } from '../../infra/lib/index.js';
import { freePort, spawnNode, waitForHttp, type Child } from './processes.js';
import { progress } from './stats.js';

export const SERVICES = ['users', 'events', 'tickets', 'notifications'] as const;
export type Service = (typeof SERVICES)[number];

export interface BenchPlatform {
  routerUrl: string;
  /** The router's origin, which the tickets service uses as its `PUBLIC_URL`. */
  publicUrl: string;
  subgraphUrls: Record<Service, string>;
  routerSecret: string;
  databaseUrls: Record<Service, string>;
  /** Redis and Kafka of this run, and the Redis prefix its services use (channels included). */
  redisUrl: string;
  cachePrefix: string;
  kafkaBrokers: string[];
  router: Child;
  routerProbePort: number;
  /** The subgraphs' processes: one (the launcher) or four. */
  subgraphProcesses: Child[];
  stop(): Promise<void>;
}

export type ServicesLayout = 'one-process' | 'per-service';

export interface BenchPlatformOptions {
  profileDir?: string;
  services: ServicesLayout;
  /** The SANDBOX payment provider on (the tickets service then runs with NODE_ENV=development). */
  sandbox?: boolean;
}

export async function startBenchPlatform(options: BenchPlatformOptions): Promise<BenchPlatform> {
  progress('checking PostgreSQL, Kafka and Redis (ensureInfra)…');
  const infra = await ensureInfra();
  const scratch: ScratchDatabase[] = [];
  const children: Child[] = [];
  const stop = async () => {
    for (const child of children.reverse()) await child.stop().catch(() => {});
    for (const db of scratch) await db.drop().catch(() => {});
  };
  try {
    const databaseUrls = {} as Record<Service, string>;
    for (const service of SERVICES) {
      const db = await createScratchDatabase(`sbor_bench_${service}`);
      scratch.push(db);
      databaseUrls[service] = db.url;
    }
    const ports = {
      router: await freePort(),
      users: await freePort(),
      events: await freePort(),
      tickets: await freePort(),
      notifications: await freePort(),
    };
    const routerSecret = randomBytes(24).toString('base64url');
    const cachePrefix = `sbor-bench-${randomUUID()}:`;
    const publicUrl = `http://127.0.0.1:${ports.router}`;
    const profileFlags = (name: string) => {
      if (!options.profileDir) return [];
      // One directory per child: tsx's loader thread writes a profile of its own beside the main thread's.
      const dir = join(options.profileDir, options.sandbox ? `${name}-sandbox` : name);
      mkdirSync(dir, { recursive: true });
      return ['--cpu-prof', '--cpu-prof-dir', dir];
    };
    const common = {
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      ROUTER_SECRET: routerSecret,
      // Every benchmark client connects from 127.0.0.1, thousands of sockets over a few dozen
      // accounts: the per-address and per-user socket caps are for the internet, not for this.
      WS_MAX_SOCKETS_PER_IP: '1000000',
      WS_MAX_SOCKETS_PER_USER: '1000000',
    };

    const serviceEnv = {
      ...common,
      USERS_PORT: String(ports.users),
      EVENTS_PORT: String(ports.events),
      TICKETS_PORT: String(ports.tickets),
      NOTIFICATIONS_PORT: String(ports.notifications),
      DATABASE_URL_USERS: databaseUrls.users,
      DATABASE_URL_EVENTS: databaseUrls.events,
      DATABASE_URL_TICKETS: databaseUrls.tickets,
      DATABASE_URL_NOTIFICATIONS: databaseUrls.notifications,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      // This run is its own deployment: its own Redis keys and consumer groups (from the end of
      // the shared topics), and limits that seeding hundreds of accounts from 127.0.0.1 does not trip.
      CACHE_PREFIX: cachePrefix,
      REGISTER_LIMIT_PER_IP: '1000000',
      LOGIN_LIMIT_PER_IP: '1000000',
      REFRESH_LIMIT_PER_IP: '1000000',
      TICKETS_GROUP_ID: `tickets-bench-${randomUUID()}`,
      TICKETS_START_AT: 'latest',
      NOTIFICATIONS_GROUP_ID: `notifications-bench-${randomUUID()}`,
      NOTIFICATIONS_START_AT: 'latest',
      OUTBOX_INTERVAL_MS: '200',
      // Seeding registers many accounts; hashing is not what is measured, so use the allowed minimum.
      ARGON2_MEMORY_KIB: '8192',
      // What the launcher wires itself when it runs everything in one process.
      JWKS_URL: `http://127.0.0.1:${ports.users}/.well-known/jwks.json`,
      EVENTS_INTERNAL_URL: `http://127.0.0.1:${ports.events}`,
      // Checkout links and the sandbox's webhooks go through the router the benchmarks drive.
      PUBLIC_URL: publicUrl,
    };
    const sandboxEnv: Record<string, string> = options.sandbox ? { NODE_ENV: 'development', PAYMENTS_SANDBOX: 'true' } : {};
    const subgraphProcesses: Child[] = [];
    if (options.services === 'one-process') {
      progress(
        `starting the platform (all four subgraphs in one process${options.sandbox ? ', NODE_ENV=development for the SANDBOX provider' : ''}) as a child process…`,
      );
      const platform = spawnNode(
        'platform',
        'packages/platform/src/main.ts',
        { ...serviceEnv, ...sandboxEnv, ROUTER_PORT: String(await freePort()) },
        profileFlags('platform'),
      );
      children.push(platform);
      subgraphProcesses.push(platform);
      await platform.waitForLine(/Sbor is running/, 120_000);
    } else {
      // Users first: the others read its JWKS.
      for (const service of SERVICES) {
        progress(`starting the ${service} subgraph as its own process…`);
        const env = service === 'tickets' ? { ...serviceEnv, ...sandboxEnv } : serviceEnv;
        const child = spawnNode(service, `subgraphs/${service}/src/main.ts`, env, profileFlags(service));
        children.push(child);
        subgraphProcesses.push(child);
        await waitForHttp(`http://127.0.0.1:${ports[service]}/readyz`, { method: 'GET' }, 120_000, child);
      }
    }

    const subgraphUrls = Object.fromEntries(SERVICES.map((s) => [s, `http://127.0.0.1:${ports[s]}/graphql`])) as Record<Service, string>;
    progress('starting the standalone router as a child process…');
    const routerProbePort = await freePort();
    const router = spawnNode(
      'router',
      'router/src/main.ts',
      {
        ...common,
        ROUTER_PORT: String(ports.router),
        JWKS_URL: `http://127.0.0.1:${ports.users}/.well-known/jwks.json`,
        USERS_URL: subgraphUrls.users,
        EVENTS_URL: subgraphUrls.events,
        TICKETS_URL: subgraphUrls.tickets,
        NOTIFICATIONS_URL: subgraphUrls.notifications,
        BENCH_PROBE_PORT: String(routerProbePort),
      },
      ['--expose-gc', ...profileFlags('router')],
    );
    children.push(router);
    const routerUrl = `${publicUrl}/graphql`;
    await waitForHttp(
      routerUrl,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) },
      60_000,
      router,
    );
    progress(`subgraph pids ${subgraphProcesses.map((c) => c.pid).join(', ')}, router pid ${router.pid} at ${routerUrl}`);
    return {
      routerUrl,
      publicUrl,
      subgraphUrls,
      routerSecret,
      databaseUrls,
      redisUrl: infra.redisUrl,
      cachePrefix,
      kafkaBrokers: [...infra.kafkaBrokers],
      router,
      routerProbePort,
      subgraphProcesses,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Another standalone router in front of the bench platform's subgraphs, with `env` on top of the
 * platform's settings (a benchmark comparing router configurations runs one per configuration).
 */
export async function startExtraRouter(
  platform: BenchPlatform,
  label: string,
  env: Record<string, string>,
  nodeFlags: string[] = [],
): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const { users, events, tickets, notifications } = platform.subgraphUrls;
  const child = spawnNode(
    `router (${label})`,
    'router/src/main.ts',
    {
      NODE_ENV: 'production',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
      HOST: '127.0.0.1',
      ROUTER_PORT: String(port),
      ROUTER_SECRET: platform.routerSecret,
      JWKS_URL: new URL('/.well-known/jwks.json', users).toString(),
      USERS_URL: users,
      EVENTS_URL: events,
      TICKETS_URL: tickets,
      NOTIFICATIONS_URL: notifications,
      ...env,
    },
    nodeFlags,
  );
  const url = `http://127.0.0.1:${port}/graphql`;
  const probe = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) };
  await waitForHttp(url, probe, 60_000, child);
  return { child, url };
}
