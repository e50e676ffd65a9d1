/**
 * Starts OpenTelemetry tracing for this process. `telemetry-register.ts` loads it only when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set, before any of the
 * app's modules. Spans go to the OTLP/HTTP endpoint as protobuf, or as JSON with
 * OTEL_EXPORTER_OTLP_PROTOCOL=http/json; the other OTEL_* variables (OTEL_SERVICE_NAME,
 * OTEL_TRACES_SAMPLER, OTEL_BSP_SCHEDULE_DELAY, …) work as the SDK documents them. Traces only:
 * metrics stay on /metrics, logs on stdout (with `trace_id`).
 */
import type { IncomingMessage } from 'node:http';
import { register } from 'node:module';
import type { Socket } from 'node:net';

// The app's ESM imports of these modules are wrapped (import-in-the-middle) so the instrumentations
// can patch them. Registered before anything else is imported, here included: a module already
// loaded stays unwrapped. graphql is CommonJS all the way down, which require-in-the-middle sees
// without this; undici (fetch) reports through diagnostics_channel. The rest loads untouched.
register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, {
  data: { include: ['express', 'ioredis', 'http', 'https', 'node:http', 'node:https'] },
});

const { trace } = await import('@opentelemetry/api');
const { NodeSDK } = await import('@opentelemetry/sdk-node');
const { BatchSpanProcessor } = await import('@opentelemetry/sdk-trace');
const { HttpInstrumentation } = await import('@opentelemetry/instrumentation-http');
const { ExpressInstrumentation, ExpressLayerType } = await import('@opentelemetry/instrumentation-express');
const { GraphQLInstrumentation } = await import('@opentelemetry/instrumentation-graphql');
const { IORedisInstrumentation } = await import('@opentelemetry/instrumentation-ioredis');
const { UndiciInstrumentation } = await import('@opentelemetry/instrumentation-undici');
const { markTracingStarted, SERVICE_ATTRIBUTE, serviceOfServer } = await import('./telemetry.js');

type Context = import('@opentelemetry/api').Context;
type SdkSpan = import('@opentelemetry/sdk-trace').Span;
type SpanProcessor = import('@opentelemetry/sdk-trace').SpanProcessor;

/** Probes and scrapes are not worth a trace each. */
const UNTRACED_PATHS = /^\/(healthz|readyz|metrics)(\?|$)/;

/**
 * `sbor.service` on every span: the HTTP server span gets it from the server that answered
 * (`nameServer`), and a span started inside another span of this process inherits it. One process
 * may run the router and all four subgraphs (`npm start`), so the resource alone cannot say.
 */
class ServiceAttribute implements SpanProcessor {
  onStart(span: SdkSpan, parentContext: Context): void {
    if (span.attributes[SERVICE_ATTRIBUTE] !== undefined) return;
    const parent = trace.getSpan(parentContext) as Partial<Pick<SdkSpan, 'attributes'>> | undefined;
    const service = parent?.attributes?.[SERVICE_ATTRIBUTE];
    if (service !== undefined) span.setAttribute(SERVICE_ATTRIBUTE, service);
  }
  onEnd(): void {}
  forceFlush = async () => {};
  shutdown = async () => {};
}

/** OTEL_SERVICE_NAME, else the entry point's service: `sbor-router`, `sbor-tickets`, or `sbor` for the whole platform. */
function serviceName(): string {
  if (process.env.OTEL_SERVICE_NAME) return process.env.OTEL_SERVICE_NAME;
  const entry = (process.argv[1] ?? '').replaceAll('\\', '/');
  const service = /(?:^|\/)(router|subgraphs\/(\w+))\/src\/main\.ts$/.exec(entry);
  return service ? `sbor-${service[2] ?? service[1]}` : 'sbor';
}

/** A non-negative number from the environment; the SDK's default when unset. */
function fromEnv(name: string): number | undefined {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : undefined;
}

async function exporter() {
  const protocol = process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? process.env.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf';
  if (protocol === 'http/json') return new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  if (protocol !== 'http/protobuf')
    process.stderr.write(`OTEL_EXPORTER_OTLP_PROTOCOL=${protocol} is not supported; sending http/protobuf.\n`);
  return new (await import('@opentelemetry/exporter-trace-otlp-proto')).OTLPTraceExporter();
}

const sdk = new NodeSDK({
  serviceName: serviceName(),
  spanProcessors: [
    new ServiceAttribute(),
    new BatchSpanProcessor({
      exporter: await exporter(),
      maxQueueSize: fromEnv('OTEL_BSP_MAX_QUEUE_SIZE'),
      scheduledDelayMillis: fromEnv('OTEL_BSP_SCHEDULE_DELAY'),
      exportTimeoutMillis: fromEnv('OTEL_BSP_EXPORT_TIMEOUT'),
      maxExportBatchSize: fromEnv('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
    }),
  ],
  // Traces only; the SDK would otherwise start OTLP metric and log exporters too.
  metricReaders: [],
  logRecordProcessors: [],
  instrumentations: [
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.test(request.url ?? ''),
      startIncomingSpanHook: (request: IncomingMessage) => {
        const service = serviceOfServer((request.socket as Socket & { server?: import('node:net').Server }).server);
        return service ? { [SERVICE_ATTRIBUTE]: service } : {};
      },
      // Outgoing calls outside any trace (a websocket reconnect, a web push) would each start one.
      requireParentforOutgoingSpans: true,
    }),
    // Middleware spans (body parsing, CORS, auth) would outnumber everything else.
    new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
    new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    // The live subscriber connection and the periodic sweeps run outside any request.
    new IORedisInstrumentation({ requireParentSpan: true }),
    // fetch: the gateway's calls to the subgraphs, which carry `traceparent` on.
    new UndiciInstrumentation({ requireParentforSpans: true }),
  ],
});
sdk.start();
markTracingStarted(() => sdk.shutdown());
// A process that ends by itself flushes here; one stopped by a signal flushes in `stopOnSignals`.
process.once('beforeExit', () => void sdk.shutdown().catch(() => undefined));
