/**
 * 3. Notification latency: N users each hold an open `notificationAdded` subscription; each buys
 * one free ticket through the router (`purchaseTickets`, an order PAID at once), and we time from
 * the purchase mutation's response to the ORDER_PAID notification (one per order) arriving on
 * that user's socket (outbox → Kafka → notifications consumer → PostgreSQL + Redis pub/sub →
 * socket). Router path: graphql-ws to the router, which proxies to the notifications subgraph.
 * Baseline: graphql-ws straight to the notifications subgraph (with the router secret), so the
 * difference is the router's proxy.
 *
 * Each run also says where the time went: the services' pipeline histograms, scraped before and
 * after it (`pipeline-trace.ts`), and the last hop, measured here: the bench listens on the same
 * Redis channels as the notifications subgraph, so socket arrival minus Redis arrival is what the
 * subgraph (and the router, on that path) add between Redis and the client.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { connectRedisCache } from '@sbor/cache';
import { bearer, gql, PURCHASE, type Actor, type Api } from './api.js';
import { hopsBetween, scrapeServices, type HopFigures } from './pipeline-trace.js';
import type { BenchPlatform } from './platform.js';
import { pool, progress, round, sleep, summarize, type Summary } from './stats.js';

const SUBSCRIPTION = 'subscription { notificationAdded { id type title } }';

export interface LatencySize {
  subscribers: number;
  purchaseConcurrency: number;
}

export interface LatencyRun {
  subscribers: number;
  delivered: number;
  missing: number;
  /** Delivered notifications per second over the purchase phase. */
  throughput: number;
  latencyMs: Summary;
  purchaseMs: Summary;
  /** Redis publish (as the bench hears it) → message on the client's socket. */
  redisToSocketMs: Summary;
  /** The services' own figures per hop over this run. */
  hops: HopFigures[];
}

interface Socket {
  client: Client;
  arrivals: number[];
  dispose(): Promise<void>;
}

async function open(url: string, params: Record<string, string>): Promise<Socket> {
  const client = createClient({ url, connectionParams: params, retryAttempts: 0, lazy: false });
  const arrivals: number[] = [];
  const connected = new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', (event) => reject(new Error(`socket closed before ack: ${JSON.stringify((event as { code?: number })?.code)}`)));
  });
  const stop = client.subscribe<{ notificationAdded: { type: string } }>(
    { query: SUBSCRIPTION },
    {
      next: (result) => {
        if (result.data?.notificationAdded?.type === 'ORDER_PAID') arrivals.push(performance.now());
      },
      error: () => {},
      complete: () => {},
    },
  );
  await connected;
  return {
    client,
    arrivals,
    dispose: async () => {
      stop();
      await client.dispose();
    },
  };
}

async function measure(
  label: string,
  platform: BenchPlatform,
  users: Actor[],
  eventId: string,
  typeId: string,
  size: LatencySize,
  connect: (user: Actor) => Promise<Socket>,
): Promise<LatencyRun> {
  progress(`notification latency (${label}): opening ${users.length} subscriptions…`);
  const sockets = await pool(users, 50, connect);
  const onRedis = await listenOnRedis(platform, users);
  // The upstream subscription opens right after the ack; let every one of them land.
  await sleep(2_000);
  const before = await scrapeServices(platform.subgraphUrls);
  progress(`notification latency (${label}): ${users.length} purchases, ${size.purchaseConcurrency} at a time…`);
  const responded: number[] = new Array(users.length).fill(Number.NaN);
  const purchaseMs: number[] = [];
  const started = performance.now();
  await pool(users, size.purchaseConcurrency, async (user, i) => {
    const t0 = performance.now();
    const res = await gql(
      platform.routerUrl,
      PURCHASE,
      { i: { eventId, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() } },
      bearer(user.token),
    );
    const t1 = performance.now();
    if (res.errors) throw new Error(`purchase failed during the latency benchmark: ${JSON.stringify(res.errors)}`);
    responded[i] = t1;
    purchaseMs.push(t1 - t0);
  });
  const deadline = Date.now() + 30_000;
  while (sockets.some((s) => s.arrivals.length === 0) && Date.now() < deadline) await sleep(100);
  const latencies: number[] = [];
  const redisToSocket: number[] = [];
  let lastArrival = started;
  sockets.forEach((socket, i) => {
    const arrival = socket.arrivals[0];
    if (arrival === undefined) return;
    latencies.push(arrival - responded[i]!);
    const heard = onRedis.arrivals.get(users[i]!.id);
    if (heard !== undefined) redisToSocket.push(arrival - heard);
    lastArrival = Math.max(lastArrival, arrival);
  });
  // Let the last after-commit steps record their figures before the second scrape.
  await sleep(500);
  const hops = hopsBetween(before, await scrapeServices(platform.subgraphUrls));
  await onRedis.close();
  await pool(sockets, 100, (s) => s.dispose());
  const run = {
    subscribers: users.length,
    delivered: latencies.length,
    missing: users.length - latencies.length,
    throughput: round(latencies.length / ((lastArrival - started) / 1000), 1),
    latencyMs: summarize(latencies),
    purchaseMs: summarize(purchaseMs),
    redisToSocketMs: summarize(redisToSocket),
    hops,
  };
  progress(
    `notification latency (${label}): ${run.delivered}/${run.subscribers} delivered, p50 ${round(run.latencyMs.p50)} ms, p99 ${round(run.latencyMs.p99)} ms`,
  );
  return run;
}

/** When the bench heard each user's ORDER_PAID on Redis, listening as the notifications subgraph does. */
async function listenOnRedis(platform: BenchPlatform, users: readonly Actor[]) {
  const redis = await connectRedisCache(platform.redisUrl, { keyPrefix: platform.cachePrefix });
  const arrivals = new Map<string, number>();
  await pool(users, 50, (user) =>
    redis.subscribe(`notifications:${user.id}`, (message) => {
      const t = performance.now();
      if ((JSON.parse(message) as { type?: string }).type === 'ORDER_PAID' && !arrivals.has(user.id)) arrivals.set(user.id, t);
    }),
  );
  return { arrivals, close: () => redis.close() };
}

export async function notificationLatency(platform: BenchPlatform, api: Api, organizer: Actor, size: LatencySize) {
  progress(`notification latency: registering ${size.subscribers} subscribers…`);
  const users = await api.signUpMany('Listener', size.subscribers);
  const eventId = await api.publishedEvent(organizer, 'Live Notifications');
  const routerType = await api.ticketType(organizer, eventId, size.subscribers + 10, 'Router path', 0);
  const directType = await api.ticketType(organizer, eventId, size.subscribers + 10, 'Direct path', 0);
  const routerWs = platform.routerUrl.replace(/^http/, 'ws');
  const subgraphWs = platform.subgraphUrls.notifications.replace(/^http/, 'ws');

  const router = await measure('router', platform, users, eventId, routerType, size, (user) => open(routerWs, bearer(user.token)));
  await sleep(1_000);
  const direct = await measure('notifications subgraph direct', platform, users, eventId, directType, size, (user) =>
    open(subgraphWs, { ...bearer(user.token), 'router-authorization': platform.routerSecret }),
  );
  if (router.missing > 0 || direct.missing > 0) {
    progress(`WARNING: notifications missing after 30 s: router ${router.missing}, direct ${direct.missing}`);
  }
  return {
    size,
    router,
    direct,
    p50OverheadMs: round(router.latencyMs.p50 - direct.latencyMs.p50),
    p99OverheadMs: round(router.latencyMs.p99 - direct.latencyMs.p99),
  };
}
