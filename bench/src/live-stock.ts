/**
 * Live stock: `watchers` anonymous `ticketAvailabilityChanged` subscriptions of one event while a
 * flash sale sells it out (free tickets, one per `purchaseTickets`, `concurrency` at a time).
 * Each purchase answers the `available` it left; a message carrying value v is late by the time
 * from that answer to the message (never below 0). Every watcher's last value must equal the final
 * `available`. Router run: one graphql-ws socket per watcher to the router, which carries them all
 * on its one upstream connection. Baseline: the same watchers on the tickets subgraph directly, as
 * subscriptions of one multiplexed socket (the router secret; what the router's upstream connection
 * carries, with no router and no client sockets in between).
 */
import { randomUUID } from 'node:crypto';
import { gql, type Actor, type Api } from './api.js';
import type { BenchPlatform } from './platform.js';
import { pool, progress, round, sleep, summarize, type Summary } from './stats.js';

export interface LiveStockSize {
  watchers: number;
  quantity: number;
  concurrency: number;
}

export interface LiveStockRun {
  watchers: number;
  /** Messages with a stock change, over all watchers. */
  updates: number;
  lagMs: Summary;
  /** From the last purchase's answer until every watcher holds the final value. */
  convergeMs: number;
  /** Watchers whose last value is not the final `available`: must be 0. */
  wrong: number;
  final: number;
  sold: number;
}

const WATCH = 'subscription ($e: ID!) { ticketAvailabilityChanged(eventId: $e) { id available } }';
const BUY = 'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id ticketType { available } } }';

interface Watcher {
  close: () => void;
  last: () => number | undefined;
}

type StockMessage = {
  id?: string;
  type: string;
  payload?: { data?: { ticketAvailabilityChanged: { available: number } }; errors?: unknown };
};

/** `count` watchers as subscriptions of one multiplexed socket to the tickets subgraph. */
function watchMultiplexed(
  url: string,
  params: Record<string, unknown>,
  eventId: string,
  count: number,
  seen: (available: number, at: number) => void,
): Promise<Watcher[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const last = new Map<string, number>();
    const timer = setTimeout(() => reject(new Error(`live stock: ${last.size} of ${count} first values in 60 s`)), 60_000);
    const ids = Array.from({ length: count }, (_, i) => String(i));
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
    socket.addEventListener('message', ({ data }) => {
      const message = JSON.parse(String(data)) as StockMessage;
      if (message.type === 'connection_ack') {
        for (const id of ids) socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: WATCH, variables: { e: eventId } } }));
      } else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'next' && message.payload?.data && message.id !== undefined) {
        const first = !last.has(message.id);
        last.set(message.id, message.payload.data.ticketAvailabilityChanged.available);
        if (!first) seen(last.get(message.id)!, performance.now());
        else if (last.size === count) {
          clearTimeout(timer);
          resolve(ids.map((id) => ({ close: () => socket.close(), last: () => last.get(id) })));
        }
      } else if (message.type === 'error' || message.payload?.errors) reject(new Error(`live stock refused: ${String(data)}`));
    });
    socket.addEventListener('error', () => reject(new Error('live stock socket failed')));
  });
}

/** One watcher's socket; `params` is its `connection_init` payload. Resolves once the first value arrived. */
function watch(
  url: string,
  params: Record<string, unknown>,
  eventId: string,
  seen: (available: number, at: number) => void,
): Promise<Watcher> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    let last: number | undefined;
    const timer = setTimeout(() => reject(new Error('live stock: no first value in 60 s')), 60_000);
    socket.addEventListener('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
    socket.addEventListener('message', ({ data }) => {
      const message = JSON.parse(String(data)) as StockMessage;
      if (message.type === 'connection_ack') {
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: WATCH, variables: { e: eventId } } }));
      } else if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'next' && message.payload?.data) {
        const first = last === undefined;
        last = message.payload.data.ticketAvailabilityChanged.available;
        if (first) {
          clearTimeout(timer);
          resolve({ close: () => socket.close(), last: () => last });
        } else seen(last, performance.now());
      } else if (message.type === 'error' || message.payload?.errors) reject(new Error(`live stock refused: ${String(data)}`));
    });
    socket.addEventListener('error', () => reject(new Error('live stock socket failed')));
  });
}

async function run(
  label: string,
  platform: BenchPlatform,
  api: Api,
  organizer: Actor,
  buyers: Actor[],
  size: LiveStockSize,
  open: (eventId: string, seen: (available: number, at: number) => void) => Promise<Watcher[]>,
): Promise<LiveStockRun> {
  const eventId = await api.publishedEvent(organizer, `Live stock ${label}`);
  const typeId = await api.ticketType(organizer, eventId, size.quantity);
  const messages: { available: number; at: number }[] = [];
  progress(`live stock (${label}): opening ${size.watchers} watchers…`);
  const watchers = await open(eventId, (available, at) => messages.push({ available, at }));
  await sleep(1_000);
  progress(`live stock (${label}): selling ${size.quantity} tickets…`);
  const answeredAt = new Map<number, number>();
  let sold = 0;
  let soldOut = false;
  await pool(
    Array.from({ length: size.concurrency }, (_, i) => i),
    size.concurrency,
    async (i) => {
      for (let n = 0; !soldOut; n++) {
        const buyer = buyers[(i + n * size.concurrency) % buyers.length]!;
        const res = await gql<{ purchaseTickets: { ticketType: { available: number } }[] }>(
          platform.routerUrl,
          BUY,
          { i: { eventId, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() } },
          { authorization: `Bearer ${buyer.token}` },
        );
        const bought = res.data?.purchaseTickets?.[0];
        if (!bought) {
          soldOut = true;
          break;
        }
        sold++;
        if (!answeredAt.has(bought.ticketType.available)) answeredAt.set(bought.ticketType.available, performance.now());
      }
    },
  );
  const lastAnswer = Math.max(...answeredAt.values());
  const final = Math.min(...answeredAt.keys());
  const deadline = Date.now() + 30_000;
  while (watchers.some((w) => w.last() !== final) && Date.now() < deadline) await sleep(50);
  const convergeMs = performance.now() - lastAnswer;
  const wrong = watchers.filter((w) => w.last() !== final).length;
  for (const w of watchers) w.close();
  const lags = messages.flatMap(({ available, at }) => {
    const answered = answeredAt.get(available);
    return answered === undefined ? [] : [Math.max(0, at - answered)];
  });
  const result = {
    watchers: size.watchers,
    updates: messages.length,
    lagMs: summarize(lags),
    convergeMs: round(convergeMs),
    wrong,
    final,
    sold,
  };
  progress(`live stock (${label}): lag p99 ${round(result.lagMs.p99)} ms, ${wrong} watchers wrong, ${messages.length} updates`);
  await sleep(1_000);
  return result;
}

export async function liveStock(platform: BenchPlatform, api: Api, organizer: Actor, size: LiveStockSize) {
  const buyers = await api.signUpMany('Stock buyer', Math.min(size.concurrency, 20));
  const routerWs = platform.routerUrl.replace(/^http/, 'ws');
  const router = await run('router', platform, api, organizer, buyers, size, (eventId, seen) =>
    pool(
      Array.from({ length: size.watchers }, (_, i) => i),
      100,
      () => watch(routerWs, {}, eventId, seen),
    ),
  );
  const ticketsWs = platform.subgraphUrls.tickets.replace(/^http/, 'ws');
  const multiplexed = { 'router-authorization': platform.routerSecret, multiplexed: true };
  const direct = await run('tickets subgraph direct', platform, api, organizer, buyers, size, (eventId, seen) =>
    watchMultiplexed(ticketsWs, multiplexed, eventId, size.watchers, seen),
  );
  return { size, router, direct, ratio: round(router.lagMs.p99 / Math.max(1, direct.lagMs.p99)) };
}
