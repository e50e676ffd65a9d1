/**
 * `npm run bench [-- --size quick|full]
 *   [--only flash-sale|order-flash-sale|federated-read|cached-read|federated-read-callers|notification-latency|notification-pipeline|idle-sockets|live-stock|web-app|tracing]
 *   [--services one-process|per-service] [--profile]`
 *
 * Full mode only: ensureInfra() (PostgreSQL, Kafka, Redis), the subgraphs (one process, or one per
 * service) and a standalone router as child processes on scratch databases, seeding through the
 * API, then each benchmark with its baseline from the same run. One table per benchmark on stdout,
 * progress on stderr, and a JSON file under bench/results/. `--profile` writes V8 CPU profiles of
 * the children there too.
 *
 * Benchmarks that pay through the SANDBOX provider run last, on a platform of their own: the
 * sandbox is refused with NODE_ENV=production, which the others keep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apiOf, type Actor, type Api } from './api.js';
import { cachedReadBenchmark } from './cached-read.js';
import { entityCache, federatedRead, readCells } from './federated-read.js';
import { federatedReadCallers, READ_NAMES } from './federated-read-callers.js';
import { flashSale } from './flash-sale.js';
import { idleSockets } from './idle-sockets.js';
import { liveStock } from './live-stock.js';
import { notificationLatency } from './notification-latency.js';
import { notificationPipeline } from './notification-pipeline.js';
import { orderFlashSale } from './order-flash-sale.js';
import { hopRows } from './pipeline-trace.js';
import { webApp } from './web-app.js';
import { startBenchPlatform, type BenchPlatform, type ServicesLayout } from './platform.js';
import { tracingOverhead } from './tracing-overhead.js';
import { printTable, progress, round, type Cell, type Summary } from './stats.js';

const BENCHMARKS = [
  'flash-sale',
  'order-flash-sale',
  'federated-read',
  'federated-read-callers',
  'notification-latency',
  'notification-pipeline',
  'idle-sockets',
  'live-stock',
  'web-app',
  'tracing',
  'cached-read',
] as const;
type Benchmark = (typeof BENCHMARKS)[number];
/** These need the SANDBOX payment provider, so the tickets service cannot run with NODE_ENV=production. */
const NEEDS_SANDBOX: ReadonlySet<Benchmark> = new Set(['order-flash-sale']);

const SIZES = {
  quick: {
    flashSale: { connections: 50, attempts: 500, quantity: 100 },
    orderFlashSale: { connections: 50, buyers: 300, quantity: 100 },
    read: { events: 25, connections: 20, durationSeconds: 8 },
    callers: { events: 10, connections: 20, durationSeconds: 8 },
    latency: { subscribers: 100, purchaseConcurrency: 10 },
    pipeline: { facts: 5_000 },
    idle: { sockets: 1_000, users: 20 },
    liveStock: { watchers: 500, quantity: 200, concurrency: 10 },
    web: { visits: 5 },
    tracing: { events: 20, connections: 20, durationSeconds: 8 },
  },
  full: {
    flashSale: { connections: 200, attempts: 2_000, quantity: 500 },
    orderFlashSale: { connections: 200, buyers: 2_000, quantity: 500 },
    read: { events: 25, connections: 50, durationSeconds: 20 },
    callers: { events: 10, connections: 50, durationSeconds: 20 },
    latency: { subscribers: 1_000, purchaseConcurrency: 10 },
    pipeline: { facts: 20_000 },
    idle: { sockets: 10_000, users: 50 },
    liveStock: { watchers: 5_000, quantity: 500, concurrency: 10 },
    web: { visits: 15 },
    tracing: { events: 20, connections: 50, durationSeconds: 20 },
  },
} as const;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: 'quick' },
    only: { type: 'string', multiple: true },
    profile: { type: 'boolean', default: false },
    services: { type: 'string', default: 'one-process' },
  },
});
const services = values.services as ServicesLayout;
if (!['one-process', 'per-service'].includes(services))
  throw new Error(`--services must be one-process or per-service, not ${values.services}`);
const sizeName = values.size as keyof typeof SIZES;
if (!(sizeName in SIZES)) throw new Error(`--size must be quick or full, not ${values.size}`);
const only = (values.only ?? []).flatMap((o) => o.split(','));
for (const name of only)
  if (!BENCHMARKS.includes(name as Benchmark)) throw new Error(`--only must be one of ${BENCHMARKS.join(', ')}, not ${name}`);
const selected = BENCHMARKS.filter((b) => only.length === 0 || only.includes(b));
const size = SIZES[sizeName];
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = join('bench', 'results');
const profileDir = values.profile ? join(resultsDir, `profiles-${stamp}`) : undefined;
progress(`subgraphs: ${services} (--services one-process|per-service)`);

const runStarted = performance.now();
const results: Record<string, unknown> = {};
const loads: Record<string, number> = {};
let failure: unknown;

async function runBenchmark(name: Benchmark, platform: BenchPlatform, api: Api, organizer: Actor): Promise<void> {
  if (name === 'cached-read') {
    results[name] = await cachedReadBenchmark(platform, api, organizer, sizeName);
  } else if (name === 'flash-sale') {
    const r = await flashSale(platform, api, organizer, size.flashSale);
    results[name] = r;
    printTable(
      `Flash sale: ${r.size.connections} connections, ${r.size.attempts} attempts, ${r.size.quantity} tickets (purchases/s = sold ÷ time to sell out)`,
      [
        ['path', 'purchases/s', 'attempts/s', 'p50 ms', 'p99 ms', 'sold', 'sold out', 'failed', 'ratio'],
        [
          'router (purchaseTickets)',
          r.router.purchasesPerSecond,
          r.router.attemptsPerSecond,
          r.router.latencyMs.p50,
          r.router.latencyMs.p99,
          r.router.sold,
          r.router.rejected,
          r.router.failed,
          r.ratio,
        ],
        [
          'baseline: placeOrder(sell), one statement',
          r.baseline.purchasesPerSecond,
          r.baseline.attemptsPerSecond,
          r.baseline.latencyMs.p50,
          r.baseline.latencyMs.p99,
          r.baseline.sold,
          r.baseline.rejected,
          r.baseline.failed,
          1,
        ],
        [
          'baseline: transaction, trip per statement',
          r.transactionBaseline.purchasesPerSecond,
          r.transactionBaseline.attemptsPerSecond,
          r.transactionBaseline.latencyMs.p50,
          r.transactionBaseline.latencyMs.p99,
          r.transactionBaseline.sold,
          r.transactionBaseline.rejected,
          r.transactionBaseline.failed,
          round(r.transactionBaseline.purchasesPerSecond / r.baseline.purchasesPerSecond),
        ],
      ],
      `DB check (router run): ${JSON.stringify(r.routerCheck)}. Aim: router ÷ baseline >= 0.35; router ÷ the per-statement transaction: ${r.ratioToTransaction}.`,
    );
  } else if (name === 'order-flash-sale') {
    const r = await orderFlashSale(platform, api, organizer, size.orderFlashSale);
    results[name] = r;
    const steps = (run: typeof r.router) =>
      Object.entries(run.stepMs)
        .map(([step, ms]) => `${step} ${round(ms.p50, 1)}`)
        .join(', ');
    const row = (path: string, run: typeof r.router, ratio: number): Cell[] => [
      path,
      run.paidPerSecond,
      run.attemptsPerSecond,
      run.reserveMs.p50,
      run.reserveMs.p99,
      run.flowMs.p50,
      run.flowMs.p99,
      run.paid,
      run.soldOut,
      run.failed,
      ratio,
    ];
    printTable(
      `Order flash sale: ${r.size.connections} connections, ${r.size.buyers} buyers reserve 1 of ${r.size.quantity} tickets at ${(r.priceCents / 100).toFixed(2)} EUR, each hold paid through SANDBOX (paid/s = paid ÷ time to the last payment)`,
      [
        ['path', 'paid/s', 'attempts/s', 'reserve p50', 'reserve p99', 'flow p50', 'flow p99', 'paid', 'sold out', 'failed', 'ratio'],
        row('router: reserve, checkout, /pay, webhook', r.router, r.ratio),
        row('baseline: placeOrder+payment+payOrder', r.baseline, 1),
      ],
      `Latencies in ms; flow = reserve → paid. Step p50 of paid flows, router: ${steps(r.router)}; baseline: ${steps(r.baseline)}. CPU per paid order (sold-out attempts included): subgraphs ${r.cpuMsPerPaidOrder.subgraphs} ms, router ${r.cpuMsPerPaidOrder.router} ms. DB check (router run): ${JSON.stringify({ ...r.routerCheck, broken: undefined })}. Aim: router ÷ baseline >= 0.5.`,
    );
    if (r.broken.length > 0) throw new Error(`ORDER FLASH SALE INVARIANTS BROKEN: ${r.broken.join('; ')}`);
  } else if (name === 'federated-read') {
    const r = await federatedRead(platform, api, organizer, size.read);
    results[name] = r;
    const hive = 'error' in r.hiveGateway ? undefined : r.hiveGateway;
    printTable(
      `Federated read: events(first: 20) { title organizer { displayName } ticketTypes { available } }, ${r.size.connections} connections, ${r.size.durationSeconds} s, in-flight sharing ${r.deduplicateReads ? 'on' : 'off'} in both gateways`,
      [
        ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors+non2xx', 'gateway CPU ms/req', 'subgraphs CPU ms/req', 'router ÷ this'],
        [...readCells('Sbor router (Apollo gateway)', r.router), 1],
        ...(r.routerWithoutEntityCache
          ? [
              'error' in r.routerWithoutEntityCache
                ? [...readCells('Sbor router, entity cache off', undefined), '-']
                : [
                    ...readCells('Sbor router, entity cache off', r.routerWithoutEntityCache),
                    round(r.router.requestsPerSecond / r.routerWithoutEntityCache.requestsPerSecond, 3),
                  ],
            ]
          : []),
        [...readCells('Hive Gateway (same supergraph)', hive), r.ratioToHive ?? '-'],
        [...readCells('events subgraph alone (events part)', r.eventsSubgraph), r.ratioToSubgraph],
      ],
      `${'error' in r.hiveGateway ? `Hive Gateway: ${r.hiveGateway.error}` : 'Aim: router req/s >= Hive Gateway req/s (router ÷ Hive >= 1).'} Router response cache ${r.routerResponseCache ? 'ON: the router answers this anonymous read mostly from its cache, Hive Gateway has none (ROUTER_RESPONSE_CACHE=false to compare the federation work; federated-read-callers for signed-in reads)' : 'off'}. Subgraph CPU per federated read ÷ the events part alone (aim <= 1.5): ${r.subgraphCpuToEventsPart.router} (router entity cache ${entityCache() ? 'on' : 'off'})${r.subgraphCpuToEventsPart.withoutEntityCache === null ? '' : `, ${r.subgraphCpuToEventsPart.withoutEntityCache} with it off`}.`,
    );
  } else if (name === 'federated-read-callers') {
    const r = await federatedReadCallers(platform, api, organizer, size.callers);
    results[name] = r;
    const hive = 'error' in r.hiveGateway ? undefined : r.hiveGateway;
    const ratios = r.ratioToHive;
    printTable(
      `Federated read, distinct callers: ${r.size.connections} connections, each its own signed-in user, cycling event page / me { tickets { event } } / notifications(first: 20), ${r.size.durationSeconds} s, in-flight sharing ${r.deduplicateReads ? 'on' : 'off'} in both gateways`,
      [
        ['server', 'req/s', 'p50 ms', 'p99 ms', 'errors+non2xx', 'gateway CPU ms/req', 'subgraphs CPU ms/req'],
        readCells('Sbor router (Apollo gateway)', r.router),
        ...(r.routerWithoutEntityCache
          ? [readCells('Sbor router, entity cache off', 'error' in r.routerWithoutEntityCache ? undefined : r.routerWithoutEntityCache)]
          : []),
        readCells('Hive Gateway (same supergraph)', hive),
        [
          'router ÷ Hive Gateway',
          ratios.requestsPerSecond ?? '-',
          '-',
          ratios.p99 ?? '-',
          '-',
          ratios.gatewayCpuPerRequest ?? '-',
          ratios.subgraphsCpuPerRequest ?? '-',
        ],
      ],
      'error' in r.hiveGateway
        ? `Hive Gateway: ${r.hiveGateway.error}`
        : `Aim: router req/s ÷ Hive >= 1.5 with in-flight sharing off; p99 and CPU per request ÷ Hive <= 1. Router entity cache ${entityCache() ? 'on' : 'off'}${r.withoutEntityCacheToHive === null ? '' : `; with it off, router req/s ÷ Hive = ${r.withoutEntityCacheToHive}`}.`,
    );
    printTable('Federated read, distinct callers: each read alone, unloaded (one request at a time, the callers in turn), p50 ms', [
      ['server', ...READ_NAMES],
      ['Sbor router', ...READ_NAMES.map((read) => r.router.unloadedP50MsPerRead[read])],
      ['Hive Gateway', ...READ_NAMES.map((read) => hive?.unloadedP50MsPerRead[read] ?? '-')],
    ]);
  } else if (name === 'notification-latency') {
    const r = await notificationLatency(platform, api, organizer, size.latency);
    results[name] = r;
    printTable(
      `Notification latency: ${r.size.subscribers} open notificationAdded subscriptions, one purchase each (ms from purchase response to message)`,
      [
        ['socket to', 'delivered/s', 'p50 ms', 'p99 ms', 'max ms', 'delivered', 'missing', 'p50 ratio'],
        [
          'router (graphql-ws proxy)',
          r.router.throughput,
          r.router.latencyMs.p50,
          r.router.latencyMs.p99,
          r.router.latencyMs.max,
          r.router.delivered,
          r.router.missing,
          round(r.router.latencyMs.p50 / r.direct.latencyMs.p50),
        ],
        [
          'notifications subgraph direct',
          r.direct.throughput,
          r.direct.latencyMs.p50,
          r.direct.latencyMs.p99,
          r.direct.latencyMs.max,
          r.direct.delivered,
          r.direct.missing,
          1,
        ],
      ],
      `Router proxy overhead: p50 ${r.p50OverheadMs} ms, p99 ${r.p99OverheadMs} ms. Purchase p50 ${round(r.router.purchaseMs.p50)} ms.`,
    );
    const measured = (hop: string, pick: (run: typeof r.router) => Summary): Cell[] => [
      hop,
      ...[r.router, r.direct].flatMap((run) => [
        round(pick(run).p50, 1),
        round(pick(run).p99, 1),
        round(pick(run).mean, 1),
        pick(run).count,
      ]),
    ];
    printTable(
      "Notification latency, where the time goes (order.paid → ORDER_PAID; the services' histograms over each run: p50/p99 from buckets, mean exact)",
      [
        ...hopRows([
          { label: 'router run', hops: r.router.hops },
          { label: 'direct run', hops: r.direct.hops },
        ]),
        measured('Redis → client socket (bench hears both), ms', (run) => run.redisToSocketMs),
        measured('purchase response → client socket, ms', (run) => run.latencyMs),
      ],
      'The publish → consumer hop includes the produce hop above it. The consumer transaction and after-commit hops are per transaction, of all facts consumed (order.paid and ticket.purchased).',
    );
  } else if (name === 'notification-pipeline') {
    const r = await notificationPipeline(platform, size.pipeline);
    results[name] = r;
    const row = (path: string, run: typeof r.pipeline, ratio: number): Cell[] => [
      path,
      run.perSecond,
      run.seconds,
      run.delivered,
      run.lost,
      run.duplicated,
      ratio,
    ];
    printTable(
      `Notification pipeline: ${r.size.facts} order.paid facts straight into Kafka, one buyer each → ORDER_PAID published on Redis (per second = published ÷ time from the first produce to the last publish)`,
      [
        ['path', 'notifications/s', 'seconds', 'delivered', 'lost', 'duplicated', 'ratio'],
        row('Kafka → consumer → PostgreSQL → Redis', r.pipeline, r.ratio),
        row("baseline: the consumer's transactions alone", r.baseline, 1),
      ],
      `Producing took ${r.producedSeconds} s. Stored (platform): ${JSON.stringify(r.stored)}. Aim: >= 2,000 notifications/s, 0 lost, 0 duplicated.`,
    );
    printTable(
      "Notification pipeline, where the time goes (the services' histograms over the run: p50/p99 from buckets, mean exact)",
      hopRows([{ label: 'run', hops: r.hops }]),
      'Here the bench is the producer: "outbox row" and "publish call" are its publish call, stamped on each message as the relay stamps them.',
    );
    if (r.broken.length > 0) throw new Error(`NOTIFICATION PIPELINE INVARIANTS BROKEN: ${r.broken.join('; ')}`);
  } else if (name === 'live-stock') {
    const r = await liveStock(platform, api, organizer, size.liveStock);
    results[name] = r;
    const row = (path: string, run: typeof r.router, ratio: number): Cell[] => [
      path,
      round(run.lagMs.p50),
      round(run.lagMs.p99),
      round(run.lagMs.max),
      run.updates,
      run.convergeMs,
      `${run.watchers - run.wrong} of ${run.watchers}`,
      ratio,
    ];
    printTable(
      `Live stock: ${r.size.watchers} anonymous ticketAvailabilityChanged watchers of one event while ${r.size.quantity} tickets sell out (lag = purchase answer → message carrying the available it left)`,
      [
        ['watchers on', 'lag p50 ms', 'lag p99 ms', 'lag max ms', 'updates', 'converged ms', 'last value right', 'p99 ratio'],
        row('router (graphql-ws, one upstream)', r.router, r.ratio),
        row('tickets subgraph direct, one multiplexed socket', r.direct, 1),
      ],
      'Updates are coalesced to one read per 250 ms per event per instance; every watcher must end on the final available.',
    );
    if (r.router.wrong + r.direct.wrong > 0)
      throw new Error(`LIVE STOCK: ${r.router.wrong + r.direct.wrong} watchers did not end on the final available`);
  } else if (name === 'web-app') {
    const r = await webApp(platform, api, organizer, size.web);
    results[name] = r;
    const budget = (kb: number, limit: number) => `${kb} of ${limit} (${kb <= limit ? 'within' : 'OVER'})`;
    printTable(
      `Web app, production build in Chromium: first visits (empty cache, no service worker), ${r.size.visits} to the event list`,
      [
        ['page', 'scripts', 'JS raw KB', 'JS gzip KB (budget)', 'LCP p50 ms', 'LCP p99 ms', 'ratio'],
        [
          'event list (/), React shop',
          r.events.scripts,
          r.events.jsRawKb,
          budget(r.events.jsGzipKb, r.budgetsKb.events),
          r.events.lcpMs.p50,
          r.events.lcpMs.p99,
          r.lcpRatio,
        ],
        ['baseline: the same list as static HTML', 0, 0, '-', r.staticLcpMs.p50, r.staticLcpMs.p99, 1],
        ['door app (/door), Preact PWA', r.door.scripts, r.door.jsRawKb, budget(r.door.jsGzipKb, r.budgetsKb.door), '-', '-', '-'],
      ],
      'LCP ratio = the app list p50 ÷ the static list p50 (the app waits for its JavaScript and then its query; the static page has neither).',
    );
  } else if (name === 'tracing') {
    const r = await tracingOverhead(platform, api, organizer, size.tracing);
    results[name] = r;
    const row = (router: string, run: typeof r.on, ratio: number): Cell[] => [
      router,
      run.requestsPerSecond,
      run.p50Ms,
      run.p99Ms,
      run.errors + run.non2xx,
      run.gatewayCpuMsPerRequest ?? '-',
      ratio,
    ];
    printTable(
      `Tracing overhead: the federated read through the router, ${r.size.connections} connections, ${r.size.durationSeconds} s each (subgraphs untraced)`,
      [
        ['router', 'req/s', 'p50 ms', 'p99 ms', 'errors+non2xx', 'router CPU ms/req', 'ratio'],
        row('no --import of the telemetry register', r.absent, 1),
        row('tracing off (register, no OTEL_EXPORTER_OTLP_ENDPOINT)', r.off, r.offRatio),
        row('tracing on, OTLP/HTTP protobuf to a local sink', r.on, r.onRatio),
      ],
      `Exported while on: ${r.exported.requests} requests, ${round(r.exported.bytes / 1024, 0)} KiB (${r.exported.kbPerRequest} KiB per read). Aim: off ÷ none within run-to-run noise (±30 %).`,
    );
  } else {
    const r = await idleSockets(platform, api, size.idle);
    results[name] = r;
    const mib = (bytes: number) => round(bytes / 1048576, 1);
    printTable(`Idle sockets: ${r.size.sockets} open connections (memory after full GC)`, [
      ['process', 'KiB RSS/socket', 'KiB heap/socket', 'RSS before MiB', 'RSS after MiB', 'open s', 'ratio'],
      [
        'router, graphql-ws subscriptions',
        r.router.rssPerSocketKiB,
        r.router.heapPerSocketKiB,
        mib(r.router.before.rss),
        mib(r.router.after.rss),
        r.router.openSeconds,
        r.ratio,
      ],
      [
        'bare ws server, plain connections',
        r.bareWs.rssPerSocketKiB,
        r.bareWs.heapPerSocketKiB,
        mib(r.bareWs.before.rss),
        mib(r.bareWs.after.rss),
        r.bareWs.openSeconds,
        1,
      ],
    ]);
  }
}

const platforms = [
  { sandbox: false, names: selected.filter((name) => !NEEDS_SANDBOX.has(name)) },
  { sandbox: true, names: selected.filter((name) => NEEDS_SANDBOX.has(name)) },
].filter((p) => p.names.length > 0);
for (const { sandbox, names } of platforms) {
  if (failure) break;
  if (sandbox) progress(`${names.join(', ')}: a platform of its own, with the SANDBOX payment provider on`);
  let platform: BenchPlatform;
  try {
    platform = await startBenchPlatform({ profileDir, services, sandbox });
  } catch (error) {
    failure = error;
    break;
  }
  try {
    const api = apiOf(platform.routerUrl);
    const organizer = await api.signUp('Bench Organizer', true);
    for (const name of names) {
      progress(
        `— ${name} (${sizeName}) — load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} (other work on this machine skews every figure)`,
      );
      loads[name] = loadavg()[0]!;
      await runBenchmark(name, platform, api, organizer);
    }
  } catch (error) {
    failure = error;
    for (const child of [...platform.subgraphProcesses, platform.router]) {
      const state =
        child.process.exitCode === null && child.process.signalCode === null
          ? 'running'
          : `exited (${child.process.exitCode ?? child.process.signalCode})`;
      progress(`${child.name} (${state}), stderr tail:\n${child.stderrTail()}`);
    }
  } finally {
    progress('stopping the platform and dropping scratch databases…');
    await platform.stop();
  }
}

mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `bench-${sizeName}-${stamp}.json`);
writeFileSync(
  file,
  JSON.stringify(
    {
      size: sizeName,
      services,
      startedAt: new Date(Date.now() - (performance.now() - runStarted)).toISOString(),
      node: process.version,
      loadAverageAtStart: loads,
      results,
      error: failure ? String(failure) : undefined,
    },
    null,
    2,
  ),
);
progress(
  `results written to ${file} (${round((performance.now() - runStarted) / 1000, 0)} s)${profileDir ? `; CPU profiles in ${profileDir}` : ''}`,
);
if (failure) {
  console.error(failure);
  process.exit(1);
}
process.exit(0);
