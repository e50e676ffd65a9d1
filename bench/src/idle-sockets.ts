/**
 * 4. Idle sockets: memory of the router process per open `notificationAdded` subscription
 * (graphql-ws, authenticated, subscribed, then idle). RSS from /proc/<pid>/status and V8 heap,
 * both read after a full GC, with one socket already open so one-time set-up is not counted per
 * socket. Baseline: the same number of idle plain `ws` connections to a bare `ws` server in its
 * own child process, measured the same way.
 */
import { bearer, type Actor, type Api } from './api.js';
import type { BenchPlatform } from './platform.js';
import { freePort, memoryOf, spawnNode, type MemoryReading } from './processes.js';
import { pool, progress, round, sleep } from './stats.js';

export interface IdleSize {
  sockets: number;
  users: number;
}

export interface IdleRun {
  sockets: number;
  before: MemoryReading;
  after: MemoryReading;
  rssPerSocketKiB: number;
  heapPerSocketKiB: number;
  openSeconds: number;
}

function connectGraphqlWs(url: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('graphql-ws handshake timed out')), 20_000);
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: bearer(token) })));
    socket.addEventListener('message', ({ data }) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === 'connection_ack') {
        socket.send(
          JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { notificationAdded { id type title } }' } }),
        );
        clearTimeout(timer);
        resolve(socket);
      } else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
    });
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(new Error('graphql-ws socket failed'));
    });
    socket.addEventListener('close', ({ code }) => {
      clearTimeout(timer);
      reject(new Error(`socket closed with ${code}`));
    });
  });
}

function connectPlain(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.addEventListener('open', () => resolve(socket));
    socket.addEventListener('error', () => reject(new Error('plain socket failed')));
  });
}

async function hold(
  label: string,
  count: number,
  pid: number,
  probePort: number,
  connect: (i: number) => Promise<WebSocket>,
): Promise<IdleRun> {
  // One socket first, held to the end and not counted: what the first one sets up once (the
  // router's subscription planner, its upstream connection) is not a cost per socket.
  const warmUp = await connect(count);
  await sleep(1_000);
  const before = await memoryOf(pid, probePort);
  progress(`idle sockets (${label}): opening ${count}…`);
  const started = performance.now();
  const sockets = await pool(
    Array.from({ length: count }, (_, i) => i),
    100,
    async (i) => {
      const socket = await connect(i);
      if ((i + 1) % 1000 === 0) progress(`idle sockets (${label}): ${i + 1} open`);
      return socket;
    },
  );
  const openSeconds = (performance.now() - started) / 1000;
  await sleep(3_000);
  const after = await memoryOf(pid, probePort);
  const stillOpen = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  if (stillOpen !== count) throw new Error(`idle sockets (${label}): only ${stillOpen} of ${count} stayed open`);
  for (const socket of [warmUp, ...sockets]) socket.close();
  await sleep(1_000);
  const run = {
    sockets: count,
    before,
    after,
    rssPerSocketKiB: round((after.rss - before.rss) / count / 1024, 2),
    heapPerSocketKiB: round((after.heapUsed - before.heapUsed) / count / 1024, 2),
    openSeconds: round(openSeconds, 1),
  };
  progress(`idle sockets (${label}): ${run.rssPerSocketKiB} KiB RSS, ${run.heapPerSocketKiB} KiB heap per socket`);
  return run;
}

export async function idleSockets(platform: BenchPlatform, api: Api, size: IdleSize, users?: Actor[]) {
  const owners = users && users.length >= size.users ? users.slice(0, size.users) : await api.signUpMany('Idle', size.users);
  const routerWs = platform.routerUrl.replace(/^http/, 'ws');
  const router = await hold('router', size.sockets, platform.router.pid, platform.routerProbePort, (i) =>
    connectGraphqlWs(routerWs, owners[i % owners.length]!.token),
  );

  const port = await freePort();
  const probePort = await freePort();
  const bare = spawnNode('bare-ws', 'bench/src/bare-ws-server.ts', { BARE_WS_PORT: String(port), BENCH_PROBE_PORT: String(probePort) }, [
    '--expose-gc',
  ]);
  try {
    await bare.waitForLine(/^listening/, 30_000);
    const baseline = await hold('bare ws server', size.sockets, bare.pid, probePort, () => connectPlain(`ws://127.0.0.1:${port}`));
    return { size, router, bareWs: baseline, ratio: round(router.rssPerSocketKiB / baseline.rssPerSocketKiB, 2) };
  } finally {
    await bare.stop();
  }
}
