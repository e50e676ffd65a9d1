/**
 * The platform in full mode as separate OS processes — each service's own `main.ts`, the way
 * docker compose runs them — so a fault test can SIGKILL one and start it again on the same port.
 * Every cluster is its own deployment: scratch databases, consumer groups, cache prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/db';
import { graphqlClient, type GraphQLCall } from '@sbor/platform';

const REPO = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export const SERVICE_NAMES = ['users', 'events', 'tickets', 'notifications', 'router'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
const SUBGRAPHS = ['users', 'events', 'tickets', 'notifications'] as const;

const MAIN: Record<ServiceName, string> = {
  users: 'subgraphs/users/src/main.ts',
  events: 'subgraphs/events/src/main.ts',
  tickets: 'subgraphs/tickets/src/main.ts',
  notifications: 'subgraphs/notifications/src/main.ts',
  router: 'router/src/main.ts',
};

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `read` until `check` passes or `timeoutMs` runs out (then throws with the last value). */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  check: (value: T) => boolean,
  timeoutMs = 30_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (check(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last value ${JSON.stringify(last)}${lastError ? `, last error ${String(lastError)}` : ''}`,
      );
    }
    await sleep(everyMs);
  }
}

/** Prometheus text → samples: `{ name, labels, value }`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

export interface ServiceProcess {
  name: ServiceName;
  port: number;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  /** Whether a process is running (started and not yet exited). */
  running(): boolean;
  start(): Promise<void>;
  /** SIGKILL (default) or SIGTERM, and wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  metrics(): Promise<Sample[]>;
  /** Startup duration of the last start, in ms (spawn to /healthz answering). */
  lastStartMs: number;
}

export interface ClusterOptions {
  /** Extra environment for every service (e.g. a private REDIS_URL). */
  env?: Record<string, string>;
}

export interface Cluster {
  services: Record<ServiceName, ServiceProcess>;
  gql: GraphQLCall;
  routerUrl: string;
  databaseUrls: Record<(typeof SUBGRAPHS)[number], string>;
  env: Record<string, string>;
  logDir: string;
  /** Waits until outboxes are empty and consumer lag is 0, read from /metrics. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const run = randomUUID().slice(0, 8);
  const logDir = mkdtempSync(join(tmpdir(), `sbor-faults-${run}-`));
  const scratch: ScratchDatabase[] = [];
  const ports = Object.fromEntries(await Promise.all(SERVICE_NAMES.map(async (n) => [n, await freePort()] as const))) as Record<
    ServiceName,
    number
  >;
  const databaseUrls = {} as Cluster['databaseUrls'];
  const processes: ServiceProcess[] = [];
  try {
    for (const name of SUBGRAPHS) {
      const db = await createScratchDatabase(`sbor_fault_${name}`);
      scratch.push(db);
      databaseUrls[name] = db.url;
    }
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
      ROUTER_SECRET: randomBytes(24).toString('hex'),
      KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      CACHE_PREFIX: `sbor-fault-${run}:`,
      JWKS_URL: `http://127.0.0.1:${ports.users}/.well-known/jwks.json`,
      EVENTS_INTERNAL_URL: `http://127.0.0.1:${ports.events}`,
      TICKETS_GROUP_ID: `tickets-fault-${run}`,
      TICKETS_START_AT: 'latest',
      NOTIFICATIONS_GROUP_ID: `notifications-fault-${run}`,
      NOTIFICATIONS_START_AT: 'latest',
      OUTBOX_INTERVAL_MS: '200',
      REGISTER_LIMIT_PER_IP: '10000',
      LOGIN_LIMIT_PER_IP: '10000',
      // A few buyers stream many purchases each; the per-buyer order limit is not under test here.
      MAX_ORDERS_PER_USER_PER_MINUTE: '10000',
      USERS_PORT: String(ports.users),
      EVENTS_PORT: String(ports.events),
      TICKETS_PORT: String(ports.tickets),
      NOTIFICATIONS_PORT: String(ports.notifications),
      ROUTER_PORT: String(ports.router),
      USERS_URL: `http://127.0.0.1:${ports.users}/graphql`,
      EVENTS_URL: `http://127.0.0.1:${ports.events}/graphql`,
      TICKETS_URL: `http://127.0.0.1:${ports.tickets}/graphql`,
      NOTIFICATIONS_URL: `http://127.0.0.1:${ports.notifications}/graphql`,
      DATABASE_URL_USERS: databaseUrls.users,
      DATABASE_URL_EVENTS: databaseUrls.events,
      DATABASE_URL_TICKETS: databaseUrls.tickets,
      DATABASE_URL_NOTIFICATIONS: databaseUrls.notifications,
      ...options.env,
    };
    const services = Object.fromEntries(
      SERVICE_NAMES.map((name) => {
        const service = serviceProcess(name, ports[name], env, logDir);
        processes.push(service);
        return [name, service];
      }),
    ) as Record<ServiceName, ServiceProcess>;

    // All at once: the JWKS (users) and the subgraphs are only fetched on first use.
    await Promise.all(SERVICE_NAMES.map((name) => services[name].start()));
    const routerUrl = `${services.router.baseUrl}/graphql`;

    const caughtUp = async (timeoutMs = 60_000) => {
      await until(
        'outbox backlog 0 and consumer lag 0',
        async () => {
          const all = (
            await Promise.all([
              services.users.metrics(),
              services.events.metrics(),
              services.tickets.metrics(),
              services.notifications.metrics(),
            ])
          ).flat();
          const unsent = all.filter((s) => s.name === 'sbor_outbox_unsent');
          const lag = all.filter((s) => s.name === 'sbor_consumer_lag');
          return { unsent, lag };
        },
        ({ unsent, lag }) =>
          // Both outboxes (events, tickets) and both consumers report, and all are at zero.
          unsent.length >= 2 &&
          unsent.every((s) => s.value === 0) &&
          new Set(lag.map((s) => s.labels.service)).size === 2 &&
          lag.every((s) => s.value === 0),
        timeoutMs,
        250,
      );
    };

    return {
      services,
      gql: graphqlClient(routerUrl),
      routerUrl,
      databaseUrls,
      env,
      logDir,
      caughtUp,
      stop: async () => {
        await Promise.all(processes.map((p) => p.kill('SIGTERM').catch(() => {})));
        for (const db of scratch) await db.drop().catch(() => {});
      },
    };
  } catch (error) {
    await Promise.all(processes.map((p) => p.kill('SIGKILL').catch(() => {})));
    for (const db of scratch) await db.drop().catch(() => {});
    throw new Error(`cluster failed to start (logs in ${logDir}): ${(error as Error).message}`, { cause: error });
  }
}

function serviceProcess(name: ServiceName, port: number, env: Record<string, string>, logDir: string): ServiceProcess {
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const baseUrl = `http://127.0.0.1:${port}`;
  const logFile = join(logDir, `${name}.log`);
  const service: ServiceProcess = {
    name,
    port,
    baseUrl,
    lastStartMs: 0,
    running: () => child !== undefined && child.exitCode === null && child.signalCode === null,
    async start() {
      if (service.running()) return;
      const started = performance.now();
      const out = createWriteStream(logFile, { flags: 'a' });
      // `node --import tsx`: one process, so SIGKILL really kills the service (the tsx CLI would
      // leave its child running).
      const proc = spawn(process.execPath, ['--import', 'tsx', MAIN[name]], {
        cwd: REPO,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      proc.stdout.pipe(out);
      proc.stderr.pipe(out);
      exited = new Promise((r) => proc.once('exit', () => r()));
      await until(
        `${name} /healthz`,
        async () => {
          if (proc.exitCode !== null) throw new Error(`${name} exited with ${proc.exitCode}:\n${tail(logFile)}`);
          const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
          await res.body?.cancel();
          return res.status;
        },
        (status) => status === 200,
        60_000,
        100,
      ).catch((error: unknown) => {
        throw new Error(`${(error as Error).message}\n${tail(logFile)}`);
      });
      service.lastStartMs = performance.now() - started;
    },
    async kill(signal = 'SIGKILL') {
      if (!service.running()) return;
      child!.kill(signal);
      const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => child?.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
    async restart() {
      await service.kill('SIGKILL');
      await service.start();
    },
    async metrics() {
      const res = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`${name} /metrics answered ${res.status}`);
      return parseMetrics(await res.text());
    },
  };
  return service;
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Sum of a metric's samples matching `labels`. */
export function metricValue(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}
