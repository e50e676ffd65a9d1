/**
 * Prometheus metrics (prom-client). Each service gets its own Registry with a `service` default
 * label, so in embedded mode — all services in one process — the four registries never collide
 * and each service's port shows its own series on /metrics. Process metrics (CPU, memory, event
 * loop, GC) live in one process-wide registry, collected once and appended to every scrape.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry,
  type CounterConfiguration,
  type GaugeConfiguration,
  type HistogramConfiguration,
} from 'prom-client';

/** Latency buckets in seconds: 1 ms to 10 s. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/** The one registry with Node's default metrics; created (and collecting) on first use. */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export interface ServiceMetrics {
  readonly service: string;
  readonly registry: Registry;
  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L>;
  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L>;
  /** A gauge; give it `collect` to compute its value at scrape time. */
  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L>;
  /** The exposition text: process metrics, then this service's. */
  text(): Promise<string>;
  /** Express handler for GET /metrics. */
  handler: RequestHandler;
  /** Apollo plugin: request count and latency per operation (see `graphqlMetricsPlugin`). */
  graphqlPlugin<Ctx extends BaseContext>(options?: GraphqlMetricsOptions): ApolloServerPlugin<Ctx>;
}

export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const existing = <M>(name: string) => registry.getSingleMetric(name) as M | undefined;
  const metrics: ServiceMetrics = {
    service,
    registry,
    counter: (config) => existing(config.name) ?? new Counter({ ...config, registers: [registry] }),
    histogram: (config) => existing(config.name) ?? new Histogram({ ...config, registers: [registry] }),
    gauge: (config) => existing(config.name) ?? new Gauge({ ...config, registers: [registry] }),
    text: async () => `${await processMetrics().metrics()}\n${await registry.metrics()}`,
    handler: (_req, res, next) => {
      metrics.text().then(
        (body) => res.set('content-type', registry.contentType).send(body),
        (error: unknown) => next(error),
      );
    },
    graphqlPlugin: (options) => graphqlMetricsPlugin(metrics, options),
  };
  return metrics;
}

export interface GraphqlMetricsOptions {
  /**
   * How an operation is labelled. `rootFields` (subgraphs): the sorted root field names, a set
   * bounded by the schema. `operationName` (router): the client's operation name, capped.
   */
  label?: 'rootFields' | 'operationName';
  /** Distinct operation names kept before new ones count as `other`. Default 200. */
  maxOperations?: number;
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * `sbor_graphql_requests_total{operation,type,outcome}` (outcome: `ok` or the first error's code)
 * and `sbor_graphql_request_duration_seconds{operation,type}`.
 */
export function graphqlMetricsPlugin<Ctx extends BaseContext>(
  metrics: ServiceMetrics,
  options: GraphqlMetricsOptions = {},
): ApolloServerPlugin<Ctx> {
  const requests = metrics.counter({
    name: 'sbor_graphql_requests_total',
    help: 'GraphQL requests by operation, operation type and outcome (ok or the first error code).',
    labelNames: ['operation', 'type', 'outcome'],
  });
  const duration = metrics.histogram({
    name: 'sbor_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation and operation type.',
    labelNames: ['operation', 'type'],
    buckets: LATENCY_BUCKETS,
  });
  const byName = options.label === 'operationName';
  const maxOperations = options.maxOperations ?? 200;
  const seen = new Set<string>();
  const nameLabel = (name: string | null | undefined) => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (seen.has(name)) return name;
    if (seen.size >= maxOperations) return 'other';
    seen.add(name);
    return name;
  };
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = 'invalid';
      let type = 'unknown';
      return {
        async didResolveOperation({ operation: node, operationName }) {
          if (!node) return;
          type = node.operation;
          operation = byName ? nameLabel(operationName) : rootFields(node);
        },
        async willSendResponse({ response, errors }) {
          const body = response.body;
          const resultErrors = errors ?? (body.kind === 'single' ? body.singleResult.errors : undefined);
          const code = resultErrors?.[0]?.extensions?.code;
          const outcome = resultErrors && resultErrors.length > 0 ? (typeof code === 'string' ? code : 'ERROR') : 'ok';
          requests.inc({ operation, type, outcome });
          duration.observe({ operation, type }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}

function rootFields(node: OperationDefinitionNode): string {
  const names = new Set<string>();
  for (const selection of node.selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else names.add('...');
  }
  return [...names].sort().join(',') || 'empty';
}

/**
 * Open graphql-ws subscriptions, counted at scrape time from the server's live contexts
 * (`ctx.subscriptions`); call `track`/`untrack` from `onConnect`/`onClose`.
 */
export function websocketMetrics(metrics: ServiceMetrics) {
  const contexts = new Set<{ subscriptions: Record<string, unknown> }>();
  metrics.gauge({
    name: 'sbor_websocket_connections_open',
    help: 'Open graphql-ws connections (acknowledged).',
    collect() {
      this.set(contexts.size);
    },
  });
  metrics.gauge({
    name: 'sbor_websocket_subscriptions_open',
    help: 'Open graphql-ws subscriptions.',
    collect() {
      let open = 0;
      for (const ctx of contexts) open += Object.keys(ctx.subscriptions).length;
      this.set(open);
    },
  });
  return {
    track: (ctx: { subscriptions: Record<string, unknown> }) => void contexts.add(ctx),
    untrack: (ctx: { subscriptions: Record<string, unknown> }) => void contexts.delete(ctx),
  };
}
