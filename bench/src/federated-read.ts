/**
 * 2. Federated read: `events(first: 20)` with each event's organizer (users) and ticket types
 * (tickets) through the Sbor router, with autocannon. Baselines in the same run: the events-only
 * part straight from the events subgraph (what federation adds on top), and the same supergraph
 * served by Hive Gateway in its own process, sharing reads in flight exactly when the router does.
 */
import { resolve } from 'node:path';
import autocannon, { type Options, type Result } from 'autocannon';
import { env } from '@sbor/core';
import { gql, type Actor, type Api } from './api.js';
import { startExtraRouter, type BenchPlatform } from './platform.js';
import { cpuMsOf, cpuMsOfAll, freePort, spawnNode, type Child } from './processes.js';
import { progress, round, type Cell } from './stats.js';

export const FEDERATED_QUERY = '{ events(first: 20) { edges { node { title organizer { displayName } ticketTypes { available } } } } }';
export const EVENTS_ONLY_QUERY = '{ events(first: 20) { edges { node { title } } } }';

export interface ReadSize {
  events: number;
  connections: number;
  durationSeconds: number;
}

export interface ReadRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** CPU ms per request spent by the gateway process (absent for the subgraph-alone run). */
  gatewayCpuMsPerRequest?: number;
  /** CPU ms per request spent by the platform process (the subgraphs) during the same phase. */
  subgraphsCpuMsPerRequest: number;
}

/** One server's cells in the read tables; a gateway that failed to start shows dashes. */
export const readCells = (label: string, run: ReadRun | undefined): Cell[] => [
  label,
  run?.requestsPerSecond ?? '-',
  run?.p50Ms ?? '-',
  run?.p99Ms ?? '-',
  run ? run.errors + run.non2xx : 'failed',
  run?.gatewayCpuMsPerRequest ?? '-',
  run?.subgraphsCpuMsPerRequest ?? '-',
];

type EventsAnswer = { events: { edges: { node: Record<string, unknown> }[] } };

export const errorLine = (error: unknown): string =>
  error instanceof Error ? error.message.split('\n').slice(0, 4).join(' ') : String(error);

export async function check(url: string, query: string, headers: Record<string, string>, label: string, federated: boolean) {
  const res = await gql<EventsAnswer>(url, query, {}, headers);
  const edges = res.data?.events?.edges ?? [];
  const node = edges[0]?.node as { organizer?: { displayName?: string }; ticketTypes?: unknown[] } | undefined;
  if (
    res.errors ||
    edges.length !== 20 ||
    (federated && (!node?.organizer?.displayName || !Array.isArray(node.ticketTypes) || node.ticketTypes.length === 0))
  ) {
    throw new Error(`${label} did not answer the read correctly: ${JSON.stringify(res).slice(0, 500)}`);
  }
}

/**
 * Whether this run shares identical reads in flight: the router reads ROUTER_DEDUPLICATE_READS from
 * the bench's environment (its child inherits it), parsed here by the router's own rule so Hive
 * Gateway is told the same.
 */
export const deduplicateReads = (value = process.env.ROUTER_DEDUPLICATE_READS): boolean => env.bool(true).parse(value);

/**
 * Whether the router answers anonymous public reads from its response cache (ROUTER_RESPONSE_CACHE,
 * on by default): the anonymous read here is such a read, so with it on the router mostly skips the
 * subgraphs, which Hive Gateway (no response cache configured) does not.
 */
export const responseCache = (value = process.env.ROUTER_RESPONSE_CACHE): boolean => env.bool(true).parse(value);

/**
 * Whether the router keeps public entities (ROUTER_ENTITY_CACHE, on by default): the read here asks
 * for organizers and ticket types, so with it on the users and tickets subgraphs answer about once
 * per `maxAge`. A router with it off runs in the same phase, so both figures are in one table.
 */
export const entityCache = (value = process.env.ROUTER_ENTITY_CACHE): boolean => env.bool(true).parse(value);

/** The same read through one more router with the entity cache off, or undefined when the platform's already has it off. */
export async function withoutEntityCache<T extends ReadRun>(
  platform: BenchPlatform,
  run: (url: string, pid: number) => Promise<T>,
): Promise<T | { error: string } | undefined> {
  if (!entityCache()) return undefined;
  let child: Child | undefined;
  try {
    const started = await startExtraRouter(platform, 'no entity cache', { ROUTER_ENTITY_CACHE: 'false' });
    child = started.child;
    return await run(started.url, child.pid);
  } catch (error) {
    progress(`router without the entity cache failed: ${errorLine(error)}`);
    return { error: errorLine(error) };
  } finally {
    await child?.stop();
  }
}

/** Hive Gateway on the same supergraph and subgraphs, sharing reads in flight exactly when the router does. */
export async function startHiveGateway(platform: BenchPlatform): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const child = spawnNode('hive-gateway', 'bench/src/hive-gateway.ts', {
    NODE_ENV: 'production',
    HIVE_PORT: String(port),
    HIVE_SUPERGRAPH: resolve('schema/supergraph.graphql'),
    HIVE_SUBGRAPH_URLS: JSON.stringify(platform.subgraphUrls),
    HIVE_ROUTER_SECRET: platform.routerSecret,
    HIVE_DEDUPLICATE_READS: String(deduplicateReads()),
  });
  try {
    await child.waitForLine(/^listening/, 60_000);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, url: `http://127.0.0.1:${port}/graphql` };
}

export async function load(
  url: string,
  query: string,
  headers: Record<string, string>,
  size: ReadSize,
  label: string,
  pids: { gateway?: number; subgraphs: number[] },
): Promise<ReadRun> {
  const options = {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  };
  return loadWith(options, size, `federated read: ${label}`, pids);
}

/** Warm-up, then the measured phase, of any autocannon options (one request or per-connection ones). */
export async function loadWith(
  base: Options,
  size: Omit<ReadSize, 'events'>,
  label: string,
  pids: { gateway?: number; subgraphs: number[] },
): Promise<ReadRun> {
  const options = { ...base, connections: size.connections };
  // Warm-up (JIT, plan caches, connection pools), not measured.
  await autocannon({ ...options, duration: 2 });
  progress(`${label}, ${size.connections} connections for ${size.durationSeconds} s…`);
  // CPU time used by each process in the phase: unlike req/s, it hardly depends on what else the machine runs.
  const gatewayCpu = pids.gateway ? cpuMsOf(pids.gateway) : 0;
  const subgraphsCpu = cpuMsOfAll(pids.subgraphs);
  const result: Result = await autocannon({ ...options, duration: size.durationSeconds });
  const requests = Math.max(1, result.requests.total);
  return {
    gatewayCpuMsPerRequest: pids.gateway ? round((cpuMsOf(pids.gateway) - gatewayCpu) / requests, 2) : undefined,
    subgraphsCpuMsPerRequest: round((cpuMsOfAll(pids.subgraphs) - subgraphsCpu) / requests, 2),
    requestsPerSecond: round(result.requests.average, 1),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

export async function federatedRead(platform: BenchPlatform, api: Api, organizer: Actor, size: ReadSize) {
  const subgraphPids = platform.subgraphProcesses.map((c) => c.pid);
  progress(`federated read: seeding ${size.events} published events with two ticket types each…`);
  for (let i = 0; i < size.events; i++) {
    const eventId = await api.publishedEvent(organizer, `Read Event ${i}`, 72 + i);
    await api.ticketType(organizer, eventId, 100, 'Standard');
    await api.ticketType(organizer, eventId, 20, 'VIP');
  }

  progress(`federated read: starting Hive Gateway as a child process (in-flight sharing ${deduplicateReads() ? 'on' : 'off'})…`);
  let hiveRun: ReadRun | { error: string };
  let hive: Child | undefined;
  try {
    const started = await startHiveGateway(platform);
    hive = started.child;
    await check(started.url, FEDERATED_QUERY, {}, 'Hive Gateway', true);
    hiveRun = await load(started.url, FEDERATED_QUERY, {}, size, 'Hive Gateway', {
      gateway: hive.pid,
      subgraphs: subgraphPids,
    });
  } catch (error) {
    hiveRun = { error: errorLine(error) };
    progress(`federated read: Hive Gateway failed: ${hiveRun.error}`);
  } finally {
    await hive?.stop();
  }

  await check(platform.routerUrl, FEDERATED_QUERY, {}, 'router', true);
  const router = await load(platform.routerUrl, FEDERATED_QUERY, {}, size, 'Sbor router', {
    gateway: platform.router.pid,
    subgraphs: subgraphPids,
  });

  const routerWithoutEntityCache = await withoutEntityCache(platform, async (url, pid) => {
    await check(url, FEDERATED_QUERY, {}, 'router without the entity cache', true);
    return load(url, FEDERATED_QUERY, {}, size, 'Sbor router, entity cache off', { gateway: pid, subgraphs: subgraphPids });
  });

  const secret = { 'router-authorization': platform.routerSecret };
  await check(platform.subgraphUrls.events, EVENTS_ONLY_QUERY, secret, 'events subgraph', false);
  const subgraph = await load(platform.subgraphUrls.events, EVENTS_ONLY_QUERY, secret, size, 'events subgraph alone', {
    subgraphs: subgraphPids,
  });

  return {
    size,
    deduplicateReads: deduplicateReads(),
    routerResponseCache: responseCache(),
    router,
    routerWithoutEntityCache,
    eventsSubgraph: subgraph,
    hiveGateway: hiveRun,
    /** Subgraph CPU per federated read ÷ the events part alone (aim <= 1.5), with the entity cache as configured and off. */
    subgraphCpuToEventsPart: {
      router: round(router.subgraphsCpuMsPerRequest / subgraph.subgraphsCpuMsPerRequest, 2),
      withoutEntityCache:
        routerWithoutEntityCache && !('error' in routerWithoutEntityCache)
          ? round(routerWithoutEntityCache.subgraphsCpuMsPerRequest / subgraph.subgraphsCpuMsPerRequest, 2)
          : null,
    },
    ratioToSubgraph: round(router.requestsPerSecond / subgraph.requestsPerSecond, 3),
    ratioToHive: 'error' in hiveRun ? null : round(router.requestsPerSecond / hiveRun.requestsPerSecond, 3),
  };
}
