/**
 * Cached read: the shop's anonymous events listing through a router with the response cache (and
 * Kafka facts ending entries early) against one without it, both standalone children in front of
 * the same subgraphs in the same run. Then staleness: how long after a cancellation, or after a
 * purchase, the cached router still answers the old listing, polled back to back.
 */
import { randomUUID } from 'node:crypto';
import { bearer, gql, PURCHASE, type Actor, type Api } from './api.js';
import { load, readCells, type ReadRun, type ReadSize } from './federated-read.js';
import { startExtraRouter, type BenchPlatform } from './platform.js';
import type { Child } from './processes.js';
import { printTable, progress, round, sleep, summarize, type Summary } from './stats.js';

export const CACHED_LISTING =
  '{ events(first: 20) { edges { node { id title organizer { displayName } ticketTypes { id available } } } } }';

export interface CachedReadSize extends ReadSize {
  /** Cancellations and purchases whose staleness is measured, each. */
  probes: number;
}

type Listing = { events: { edges: { node: { id: string; ticketTypes: { id: string; available: number }[] } }[] } };

/**
 * Polls `url` back to back from `changedAt` until `fresh` holds (the polls keep the cache warm);
 * returns ms from the change to the end of the first fresh answer, an upper bound.
 */
async function staleFor(url: string, changedAt: number, fresh: (listing: Listing) => boolean): Promise<number> {
  for (;;) {
    const res = await gql<Listing>(url, CACHED_LISTING);
    if (res.data && fresh(res.data)) return performance.now() - changedAt;
    if (performance.now() - changedAt > 30_000) throw new Error('the cached router kept a stale listing for 30 s');
  }
}

async function measureStaleness(url: string, platform: BenchPlatform, api: Api, organizer: Actor, probes: number) {
  const buyer = await api.signUp('Cache Bench Buyer');
  const cancel: number[] = [];
  const stock: number[] = [];
  for (let i = 0; i < probes; i++) {
    // Sooner than every seeded event, so it heads the listing; ends after its sales window (40 h).
    const eventId = await api.publishedEvent(organizer, `Stale Probe ${i}`, 38 + i / 100);
    const typeId = await api.ticketType(organizer, eventId, 50, 'Probe');
    const availableIn = (listing: Listing) =>
      listing.events.edges.find((e) => e.node.id === eventId)?.node.ticketTypes.find((t) => t.id === typeId)?.available;
    // Warm: the cached router holds a listing with the probe's stock.
    while (availableIn((await gql<Listing>(url, CACHED_LISTING)).data!) !== 50) await sleep(20);

    const bought = await gql(
      platform.routerUrl,
      PURCHASE,
      { i: { eventId, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() } },
      bearer(buyer.token),
    );
    if (bought.errors) throw new Error(`purchase failed: ${JSON.stringify(bought.errors)}`);
    stock.push(await staleFor(url, performance.now(), (listing) => availableIn(listing) === 49));

    const cancelled = await gql(
      platform.routerUrl,
      'mutation ($id: ID!) { cancelEvent(id: $id) { id } }',
      { id: eventId },
      bearer(organizer.token),
    );
    if (cancelled.errors) throw new Error(`cancel failed: ${JSON.stringify(cancelled.errors)}`);
    cancel.push(await staleFor(url, performance.now(), (listing) => availableIn(listing) === undefined));
  }
  return { cancel: summarize(cancel), stock: summarize(stock) };
}

export interface CachedReadResult {
  size: CachedReadSize;
  cached: ReadRun;
  uncached: ReadRun;
  ratio: number;
  staleMs: { cancel: Summary; stock: Summary };
}

export async function cachedRead(platform: BenchPlatform, api: Api, organizer: Actor, size: CachedReadSize): Promise<CachedReadResult> {
  const subgraphs = platform.subgraphProcesses.map((c) => c.pid);
  progress(`cached read: seeding ${size.events} published events with a ticket type each…`);
  for (let i = 0; i < size.events; i++) {
    const eventId = await api.publishedEvent(organizer, `Cached Read Event ${i}`, 72 + i);
    await api.ticketType(organizer, eventId, 100, 'Standard');
  }
  const routers: Child[] = [];
  try {
    const cached = await startExtraRouter(platform, 'response cache', { KAFKA_BROKERS: platform.kafkaBrokers.join(',') });
    routers.push(cached.child);
    const uncached = await startExtraRouter(platform, 'no response cache', { ROUTER_RESPONSE_CACHE: 'false' });
    routers.push(uncached.child);
    const cachedRun = await load(cached.url, CACHED_LISTING, {}, size, 'router with the response cache', {
      gateway: cached.child.pid,
      subgraphs,
    });
    const uncachedRun = await load(uncached.url, CACHED_LISTING, {}, size, 'router without it', { gateway: uncached.child.pid, subgraphs });
    progress(`cached read: staleness after ${size.probes} purchases and cancellations…`);
    const staleMs = await measureStaleness(cached.url, platform, api, organizer, size.probes);
    return {
      size,
      cached: cachedRun,
      uncached: uncachedRun,
      ratio: round(cachedRun.requestsPerSecond / uncachedRun.requestsPerSecond, 2),
      staleMs,
    };
  } finally {
    for (const child of routers) await child.stop();
  }
}

const SIZES: Record<string, CachedReadSize> = {
  quick: { events: 20, connections: 20, durationSeconds: 8, probes: 5 },
  full: { events: 20, connections: 50, durationSeconds: 20, probes: 20 },
};

/** Runs the benchmark at `sizeName` (quick or full) and prints its table; main.ts registers it by name. */
export async function cachedReadBenchmark(platform: BenchPlatform, api: Api, organizer: Actor, sizeName: string) {
  const r = await cachedRead(platform, api, organizer, SIZES[sizeName] ?? SIZES.quick!);
  const row = (label: string, run: ReadRun, ratio: number) => [...readCells(label, run), ratio];
  printTable(
    `Cached read: the anonymous events listing ${CACHED_LISTING}, ${r.size.connections} connections, ${r.size.durationSeconds} s each`,
    [
      ['router', 'req/s', 'p50 ms', 'p99 ms', 'errors+non2xx', 'router CPU ms/req', 'subgraphs CPU ms/req', 'ratio'],
      row('response cache on (memory, Kafka facts)', r.cached, r.ratio),
      row('response cache off', r.uncached, 1),
    ],
    `Staleness, ms from the change's answer to the first fresh listing (${r.size.probes} each): cancellation p50 ${round(r.staleMs.cancel.p50)}, max ${round(r.staleMs.cancel.max)}; purchase p50 ${round(r.staleMs.stock.p50)}, max ${round(r.staleMs.stock.max)}. Aim: max <= 1000.`,
  );
  return r;
}
