/**
 * Redis stopped: purchases, queries and unread counts keep working from PostgreSQL, and live
 * delivery resumes once Redis is back. The machine's Redis is shared by everything, so this test
 * runs its own `redis-server` child on a free port and kills that one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../e2e/support/live.js';
import { freePort, sleep, startCluster, until, type Cluster } from './support/cluster.js';
import { actors, openSale, purchase, purchaseNotifications, type Sale } from './support/scenario.js';

let redisPort: number;
let redis: ChildProcess | undefined;
let cluster: Cluster;
let sale: Sale;

const pong = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => (socket.destroy(), resolve(false)));
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
  });

async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { stdio: 'ignore' },
  );
  await until(
    'private redis answering',
    () => pong(redisPort),
    (ok) => ok,
    10_000,
    50,
  );
}

async function killRedis(): Promise<void> {
  const proc = redis;
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  redisPort = await freePort();
  await startRedis();
  cluster = await startCluster({ env: { REDIS_URL: `redis://127.0.0.1:${redisPort}` } });
  sale = await openSale(cluster, 1);
});
afterAll(async () => {
  await cluster?.stop();
  await killRedis();
});

describe('faults: Redis', () => {
  it('stopped: purchases, queries and unreadCount work from PostgreSQL; live delivery resumes when it is back', async () => {
    const api = actors(cluster);
    const buyer = sale.buyers[0]!;
    const live = subscribe(cluster.routerUrl, buyer.token);
    try {
      await live.ready;
      expect((await purchase(cluster, sale, buyer)).code).toBeUndefined();
      expect(await live.waitFor(1)).toHaveLength(1);

      await killRedis();
      const bought: string[] = [];
      for (let i = 0; i < 5; i++) {
        const outcome = await purchase(cluster, sale, buyer);
        expect(outcome.code, 'purchase with Redis down').toBeUndefined();
        bought.push(...outcome.ticketIds);
      }
      // The notifications are recorded (PostgreSQL) even though none can be pushed live.
      await until(
        'six purchase notifications stored',
        () => purchaseNotifications(cluster, sale.eventId),
        (m) => m.size === 6,
        30_000,
      );
      const unread = await until(
        'unreadCount from PostgreSQL',
        () => api.ok<number>('{ unreadCount }', {}, buyer.token),
        (n) => n === 6,
        15_000,
      );
      expect(unread).toBe(6);
      const list = await api.ok<{ edges: unknown[] }>('{ notifications(first: 10) { edges { node { id type } } } }', {}, buyer.token);
      expect(list.edges).toHaveLength(6);
      const tickets = await api.ok<{ tickets: { id: string }[] }>('{ me { tickets { id } } }', {}, buyer.token);
      expect(tickets.tickets.map((t) => t.id)).toEqual(expect.arrayContaining(bought));

      await startRedis();
      const backAt = performance.now();
      // Live delivery resumes: the subscriber connection reconnects and resubscribes on its own.
      const before = live.received.length;
      await until(
        'a live notification after Redis is back',
        async () => {
          const outcome = await purchase(cluster, sale, buyer);
          expect(outcome.code).toBeUndefined();
          await sleep(300);
          return live.received.length;
        },
        (n) => n > before,
        30_000,
        0,
      );
      const resumedMs = performance.now() - backAt;
      const total = (await purchaseNotifications(cluster, sale.eventId)).size;
      console.info(
        `[faults] Redis down: ${bought.length} purchases and reads served from PostgreSQL; live delivery resumed ${Math.round(resumedMs)} ms after Redis came back (${total} notifications)`,
      );
      expect(live.errors).toEqual([]);
      const unreadAfter = await until(
        'unreadCount after Redis is back',
        () => api.ok<number>('{ unreadCount }', {}, buyer.token),
        (n) => n === total,
        15_000,
      );
      expect(unreadAfter).toBe(total);
    } finally {
      await live.close();
    }
  });
});
