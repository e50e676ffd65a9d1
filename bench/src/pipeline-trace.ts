/**
 * Where the milliseconds of a notification go, hop by hop, read from the services' own Prometheus
 * histograms (`pipelineMetrics` in @sbor/messaging, the notifications service's live metrics):
 * scrape /metrics before and after a run, subtract, and estimate p50/p99 from the buckets the
 * way Prometheus' `histogram_quantile` does (linear within a bucket). The mean is exact.
 */
import type { Service } from './platform.js';
import { round, type Cell } from './stats.js';

/** One hop: a histogram in one service's registry, optionally narrowed to some label values. */
interface HopSource {
  hop: string;
  service: Service;
  metric: string;
  labels?: Record<string, string>;
  /** Seconds (the default) or a plain count, e.g. facts per transaction. */
  unit?: 'seconds' | 'count';
}

/** The relay's hops (in the tickets service, which writes order.paid). */
const RELAY_HOPS: readonly HopSource[] = [
  { hop: 'commit wakes the relay → it claims', service: 'tickets', metric: 'sbor_outbox_relay_wake_delay_seconds' },
  {
    hop: 'outbox row written (tx start) → claimed',
    service: 'tickets',
    metric: 'sbor_outbox_relay_wait_seconds',
    labels: { topic: 'order.paid' },
  },
  { hop: 'Kafka produce: publish call → ack (per batch)', service: 'tickets', metric: 'sbor_outbox_publish_seconds' },
  { hop: '  messages per publish', service: 'tickets', metric: 'sbor_outbox_publish_messages', unit: 'count' },
];

/** The notifications service's hops, from the publish call to the Redis publish. */
export const CONSUMER_HOPS: readonly HopSource[] = [
  {
    hop: 'publish call → consumer starts on it',
    service: 'notifications',
    metric: 'sbor_consumer_receive_delay_seconds',
    labels: { topic: 'order.paid' },
  },
  { hop: 'consumer transaction (inbox + rows)', service: 'notifications', metric: 'sbor_consumer_transaction_seconds' },
  { hop: '  facts per transaction', service: 'notifications', metric: 'sbor_consumer_transaction_facts', unit: 'count' },
  { hop: 'after commit (cache + live publish)', service: 'notifications', metric: 'sbor_consumer_after_commit_seconds' },
  { hop: '  of it, Redis publish round', service: 'notifications', metric: 'sbor_notifications_live_publish_seconds' },
  {
    hop: 'outbox row → published on Redis (all of it)',
    service: 'notifications',
    metric: 'sbor_notifications_live_lag_seconds',
    labels: { topic: 'order.paid' },
  },
];

/** The pipeline of one ORDER_PAID notification, in order. */
export const NOTIFICATION_HOPS: readonly HopSource[] = [...RELAY_HOPS, ...CONSUMER_HOPS];

/** Cumulative bucket counts (by upper bound), count and sum of one histogram, summed over matching series. */
interface Histogram {
  buckets: Map<number, number>;
  count: number;
  sum: number;
}

export type Scrape = Map<string, string>;

export interface HopFigures {
  hop: string;
  count: number;
  /** Milliseconds (or plain numbers for counts). */
  p50: number;
  p99: number;
  mean: number;
  unit: 'ms' | 'count';
}

/** The /metrics text of every service that has a hop, keyed by service. */
export async function scrapeServices(subgraphUrls: Record<Service, string>): Promise<Scrape> {
  // Notifications first and one at a time: Node's event-loop delay figures are process-wide and
  // restart at every scrape, so its scrape is the one that sees the whole run.
  const services = ['notifications' as const, ...new Set(NOTIFICATION_HOPS.map((h) => h.service).filter((s) => s !== 'notifications'))];
  const texts = new Map<string, string>();
  for (const service of services) {
    const res = await fetch(subgraphUrls[service].replace(/\/graphql$/, '/metrics'));
    if (!res.ok) throw new Error(`GET /metrics of ${service} answered ${res.status}`);
    texts.set(service, await res.text());
  }
  return texts;
}

/**
 * Each hop's figures over what happened between two scrapes, and the event-loop delay of the
 * notifications service's process over the same time: every await of the consumer waits that
 * long for its turn when the process is busy (prom-client's sampler, 10 ms resolution).
 */
export function hopsBetween(before: Scrape, after: Scrape, hops: readonly HopSource[] = NOTIFICATION_HOPS): HopFigures[] {
  return [...hops.map((source) => hopBetween(before, after, source)), eventLoopDelay(after.get('notifications') ?? '')];
}

/** prom-client samples with a 10 ms timer (its default precision), and Node counts the interval in. */
const SAMPLER_INTERVAL_MS = 10;

function eventLoopDelay(text: string): HopFigures {
  const gauge = (name: string) => {
    const seconds = Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
    return Math.max(0, seconds * 1000 - SAMPLER_INTERVAL_MS);
  };
  return {
    hop: 'event-loop delay, notifications process',
    count: Number.NaN,
    p50: round(gauge('nodejs_eventloop_lag_p50_seconds'), 1),
    p99: round(gauge('nodejs_eventloop_lag_p99_seconds'), 1),
    mean: round(gauge('nodejs_eventloop_lag_mean_seconds'), 1),
    unit: 'ms',
  };
}

function hopBetween(before: Scrape, after: Scrape, source: HopSource): HopFigures {
  const a = histogramOf(after.get(source.service) ?? '', source);
  const b = histogramOf(before.get(source.service) ?? '', source);
  const diff: Histogram = {
    count: a.count - b.count,
    sum: a.sum - b.sum,
    buckets: new Map([...a.buckets].map(([le, n]) => [le, n - (b.buckets.get(le) ?? 0)])),
  };
  const scale = source.unit === 'count' ? 1 : 1000;
  return {
    hop: source.hop,
    count: diff.count,
    p50: round(quantile(diff, 0.5) * scale, 1),
    p99: round(quantile(diff, 0.99) * scale, 1),
    mean: round(diff.count > 0 ? (diff.sum / diff.count) * scale : Number.NaN, 1),
    unit: source.unit === 'count' ? 'count' : 'ms',
  };
}

/** Table rows: one per hop, with the figures of each labelled run side by side. */
export function hopRows(runs: readonly { label: string; hops: readonly HopFigures[] }[]): Cell[][] {
  const header: Cell[] = ['hop', ...runs.flatMap((r) => [`${r.label} p50`, 'p99', 'mean', 'n'])];
  const rows = runs[0]!.hops.map((first, i) => [
    first.unit === 'count' ? first.hop : `${first.hop}, ms`,
    ...runs.flatMap((r) => {
      const h = r.hops[i]!;
      return [h.p50, h.p99, h.mean, h.count];
    }),
  ]);
  return [header, ...rows];
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function histogramOf(text: string, source: HopSource): Histogram {
  const histogram: Histogram = { buckets: new Map(), count: 0, sum: 0 };
  for (const line of text.split('\n')) {
    const match = LINE.exec(line);
    if (!match || !match[1]!.startsWith(source.metric)) continue;
    const suffix = match[1]!.slice(source.metric.length);
    if (!['_bucket', '_count', '_sum'].includes(suffix)) continue;
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(LABEL)].map((m) => [m[1]!, m[2]!]));
    if (Object.entries(source.labels ?? {}).some(([name, value]) => labels[name] !== value)) continue;
    const value = Number(match[3]);
    if (suffix === '_count') histogram.count += value;
    else if (suffix === '_sum') histogram.sum += value;
    else {
      const le = labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(labels.le);
      histogram.buckets.set(le, (histogram.buckets.get(le) ?? 0) + value);
    }
  }
  return histogram;
}

/** `histogram_quantile`: the bucket holding rank q·count, interpolated linearly inside it. */
function quantile(histogram: Histogram, q: number): number {
  if (histogram.count <= 0) return Number.NaN;
  const rank = q * histogram.count;
  let lower = 0;
  let below = 0;
  for (const [le, cumulative] of [...histogram.buckets].sort((x, y) => x[0] - y[0])) {
    if (cumulative >= rank) {
      if (!Number.isFinite(le)) return lower;
      const inBucket = cumulative - below;
      return inBucket > 0 ? lower + (le - lower) * ((rank - below) / inBucket) : le;
    }
    lower = le;
    below = cumulative;
  }
  return lower;
}
