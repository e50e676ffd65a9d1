/**
 * 3b. Federated read by distinct callers: every autocannon connection is its own signed-in user
 * (holding a ticket or two, with their ORDER_PAID notifications), cycling through what a signed-in
 * visitor reads: an event page (the event with its organizer and ticket types), their tickets with
 * each one's event, and the first page of their notifications. No two connections send the same
 * request with the same token, so in-flight sharing (per caller in both gateways) saves little and
 * the figures are what each read costs. Baseline in the same run: Hive Gateway on the same
 * supergraph, forwarding `authorization`.
 */
import { randomUUID } from 'node:crypto';
import type { Request } from 'autocannon';
import { bearer, gql, PURCHASE, type Actor, type Api } from './api.js';
import { deduplicateReads, errorLine, loadWith, startHiveGateway, withoutEntityCache, type ReadRun } from './federated-read.js';
import type { BenchPlatform } from './platform.js';
import type { Child } from './processes.js';
import { pool, progress, round, sleep, summarize } from './stats.js';

export const EVENT_PAGE_QUERY =
  'query ($id: ID!) { event(id: $id) { title venue startsAt organizer { displayName } ticketTypes { id name priceCents currency available } } }';
export const MY_TICKETS_QUERY = '{ me { tickets { id status event { title } } } }';
export const MY_NOTIFICATIONS_QUERY =
  '{ notifications(first: 20) { edges { node { id type title read createdAt } } pageInfo { hasNextPage endCursor } } }';

const READS = {
  'event page': (caller: Caller) => ({ query: EVENT_PAGE_QUERY, variables: { id: caller.eventId } }),
  'me { tickets { event } }': () => ({ query: MY_TICKETS_QUERY }),
  'notifications(first: 20)': () => ({ query: MY_NOTIFICATIONS_QUERY }),
} as const;
export type ReadName = keyof typeof READS;
export const READ_NAMES = Object.keys(READS) as ReadName[];

export interface CallersSize {
  events: number;
  connections: number;
  durationSeconds: number;
}

export interface Caller {
  token: string;
  /** The event of the caller's first ticket: the event page they read. */
  eventId: string;
}

/**
 * One connection's requests: the three reads with the caller's token, started at `offset` (mod 3)
 * so that at any moment the connections are spread over the three reads rather than in step.
 */
export function callerRequests(caller: Caller, path: string, offset: number): Request[] {
  const headers = { 'content-type': 'application/json', ...bearer(caller.token) };
  const reads = READ_NAMES.map((name) => READS[name](caller));
  return reads.map((_, i) => ({ method: 'POST', path, headers, body: JSON.stringify(reads[(i + offset) % reads.length]) }));
}

/** Fails unless `caller` gets all three reads answered in full through `url` (no errors, real data). */
async function checkCaller(url: string, caller: Caller, label: string): Promise<void> {
  const headers = bearer(caller.token);
  type EventPage = { event: { organizer?: { displayName?: string }; ticketTypes?: unknown[] } | null };
  type MyTickets = { me: { tickets: { event?: { title?: string } }[] } | null };
  type MyNotifications = { notifications: { edges: unknown[] } };
  const [page, tickets, notes] = await Promise.all([
    gql<EventPage>(url, EVENT_PAGE_QUERY, { id: caller.eventId }, headers),
    gql<MyTickets>(url, MY_TICKETS_QUERY, {}, headers),
    gql<MyNotifications>(url, MY_NOTIFICATIONS_QUERY, {}, headers),
  ]);
  const ok =
    !page.errors &&
    !!page.data?.event?.organizer?.displayName &&
    (page.data.event.ticketTypes?.length ?? 0) > 0 &&
    !tickets.errors &&
    (tickets.data?.me?.tickets.length ?? 0) > 0 &&
    !!tickets.data?.me?.tickets[0]?.event?.title &&
    !notes.errors &&
    (notes.data?.notifications.edges.length ?? 0) > 0;
  if (!ok) throw new Error(`${label} did not answer a caller's reads correctly: ${JSON.stringify([page, tickets, notes]).slice(0, 600)}`);
}

/** Users signed up through the router, each with one or two free tickets and an ORDER_PAID notification per order. */
async function seedCallers(platform: BenchPlatform, api: Api, organizer: Actor, size: CallersSize): Promise<Caller[]> {
  progress(`federated read, distinct callers: seeding ${size.events} events and ${size.connections} users with tickets…`);
  const events: { id: string; standard: string; vip: string }[] = [];
  for (let i = 0; i < size.events; i++) {
    const id = await api.publishedEvent(organizer, `Callers Event ${i}`, 96 + i);
    events.push({
      id,
      standard: await api.ticketType(organizer, id, 1_000, 'Standard'),
      vip: await api.ticketType(organizer, id, 100, 'VIP'),
    });
  }
  const users = await api.signUpMany('Reader', size.connections);
  const buy = async (user: Actor, eventId: string, ticketTypeId: string) => {
    const res = await gql(
      platform.routerUrl,
      PURCHASE,
      { i: { eventId, ticketTypeId, quantity: 1, idempotencyKey: randomUUID() } },
      bearer(user.token),
    );
    if (res.errors) throw new Error(`Seeding a caller's ticket failed: ${JSON.stringify(res.errors)}`);
  };
  const callers = await pool(users, 8, async (user, i) => {
    const first = events[i % events.length]!;
    await buy(user, first.id, first.standard);
    // Every other user holds a second ticket, of another event, so the ticket lists differ in length.
    if (i % 2 === 0) await buy(user, events[(i + 1) % events.length]!.id, events[(i + 1) % events.length]!.vip);
    return { token: user.token, eventId: first.id };
  });
  // The notifications arrive through Kafka: wait until every caller has theirs, so the reads do real work.
  const deadline = Date.now() + 60_000;
  for (const caller of callers) {
    for (;;) {
      const res = await gql<{ notifications: { edges: unknown[] } }>(platform.routerUrl, MY_NOTIFICATIONS_QUERY, {}, bearer(caller.token));
      if ((res.data?.notifications.edges.length ?? 0) > 0) break;
      if (Date.now() > deadline) throw new Error('A caller got no ORDER_PAID notification within 60 s of seeding.');
      await sleep(250);
    }
  }
  return callers;
}

/**
 * Each read alone, unloaded: the callers in turn, one request at a time, p50 ms per read. Says which
 * read the mix's figures come from, which autocannon (one histogram per run) cannot.
 */
async function latencyPerRead(url: string, callers: readonly Caller[], rounds: number): Promise<Record<ReadName, number>> {
  const result = {} as Record<ReadName, number>;
  for (const name of READ_NAMES) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const caller = callers[i % callers.length]!;
      const { query, variables } = READS[name](caller) as { query: string; variables?: Record<string, unknown> };
      const started = performance.now();
      await gql(url, query, variables, bearer(caller.token));
      times.push(performance.now() - started);
    }
    result[name] = round(summarize(times).p50, 1);
  }
  return result;
}

export type CallersRun = ReadRun & { unloadedP50MsPerRead: Record<ReadName, number> };

async function loadCallers(
  url: string,
  callers: readonly Caller[],
  size: CallersSize,
  label: string,
  pids: { gateway: number; subgraphs: number[] },
): Promise<CallersRun> {
  for (const caller of callers) await checkCaller(url, caller, label);
  const unloadedP50MsPerRead = await latencyPerRead(url, callers, 40);
  const path = new URL(url).pathname;
  let next = 0;
  const run = await loadWith(
    {
      url,
      method: 'POST',
      // Each connection (autocannon makes `connections` clients, then re-creates none) takes the next caller.
      setupClient: (client) => {
        const index = next++;
        client.setRequests(callerRequests(callers[index % callers.length]!, path, index));
      },
    },
    size,
    `federated read, distinct callers: ${label}`,
    pids,
  );
  return { ...run, unloadedP50MsPerRead };
}

export async function federatedReadCallers(platform: BenchPlatform, api: Api, organizer: Actor, size: CallersSize) {
  const subgraphs = platform.subgraphProcesses.map((c) => c.pid);
  const callers = await seedCallers(platform, api, organizer, size);

  progress(`federated read, distinct callers: starting Hive Gateway (in-flight sharing ${deduplicateReads() ? 'on' : 'off'})…`);
  let hiveRun: CallersRun | { error: string };
  let hive: Child | undefined;
  try {
    const started = await startHiveGateway(platform);
    hive = started.child;
    hiveRun = await loadCallers(started.url, callers, size, 'Hive Gateway', { gateway: hive.pid, subgraphs });
  } catch (error) {
    hiveRun = { error: errorLine(error) };
    progress(`federated read, distinct callers: Hive Gateway failed: ${hiveRun.error}`);
  } finally {
    await hive?.stop();
  }

  const router = await loadCallers(platform.routerUrl, callers, size, 'Sbor router', { gateway: platform.router.pid, subgraphs });
  const routerWithoutEntityCache = await withoutEntityCache(platform, (url, pid) =>
    loadCallers(url, callers, size, 'Sbor router, entity cache off', { gateway: pid, subgraphs }),
  );
  const hiveOk = 'error' in hiveRun ? undefined : hiveRun;
  const ratio = (pick: (run: ReadRun) => number | undefined) => (hiveOk ? round((pick(router) ?? NaN) / (pick(hiveOk) ?? NaN), 3) : null);
  return {
    size,
    deduplicateReads: deduplicateReads(),
    router,
    routerWithoutEntityCache,
    hiveGateway: hiveRun,
    /** The router with its entity cache off ÷ Hive Gateway, req/s. */
    withoutEntityCacheToHive:
      hiveOk && routerWithoutEntityCache && !('error' in routerWithoutEntityCache)
        ? round(routerWithoutEntityCache.requestsPerSecond / hiveOk.requestsPerSecond, 3)
        : null,
    /** Router ÷ Hive Gateway: req/s (higher is better), p99 and CPU per request (lower is better). */
    ratioToHive: {
      requestsPerSecond: ratio((r) => r.requestsPerSecond),
      p99: ratio((r) => r.p99Ms),
      gatewayCpuPerRequest: ratio((r) => r.gatewayCpuMsPerRequest),
      subgraphsCpuPerRequest: ratio((r) => r.subgraphsCpuMsPerRequest),
    },
  };
}
