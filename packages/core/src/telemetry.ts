/**
 * Tracing seams, on the OpenTelemetry API alone. The SDK (exporter, instrumentations) is started by
 * `telemetry-sdk.ts`, which `--import @sbor/core/telemetry-register` loads only when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. Until it runs, every helper here returns after one flag check:
 * no span, no header, no context is made, so tracing off costs nothing.
 */
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import type { Server } from 'node:net';

export { SpanKind, type Context, type Span };

/** Set on `globalThis` by the SDK once it runs: the one thing every helper checks. */
const STARTED = Symbol.for('sbor.telemetry.started');
type Started = { shutdown: () => Promise<void> };
const started = (): Started | undefined => (globalThis as { [STARTED]?: Started })[STARTED];

/** Whether spans are being recorded and exported (the SDK started in this process). */
export const tracingOn = (): boolean => started() !== undefined;

/** Called by the SDK once it is registered; `shutdown` flushes what is buffered. */
export function markTracingStarted(shutdown: () => Promise<void>): void {
  (globalThis as { [STARTED]?: Started })[STARTED] = { shutdown };
}

/** Exports the spans still buffered (the process is about to exit); nothing when tracing is off. */
export async function flushTelemetry(): Promise<void> {
  await started()
    ?.shutdown()
    .catch(() => undefined);
}

/** The attribute that names the Sbor service a span belongs to: one process may run them all. */
export const SERVICE_ATTRIBUTE = 'sbor.service';

const tracer = () => trace.getTracer('sbor');

/**
 * The W3C trace context (`traceparent`, and `tracestate` when there is one) of `ctx`, to travel
 * with work that runs later or elsewhere: an outbox row, a Kafka message, a live notification.
 * Undefined when tracing is off or nothing is traced there.
 */
export function traceHeaders(ctx: Context = context.active()): Record<string, string> | undefined {
  if (!tracingOn()) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? carrier : undefined;
}

/**
 * The context `headers` carry, as the parent of the work that handles them. Built on an empty
 * context, not the active one: a loop that happened to be started inside some request must not
 * make every message it handles part of that request's trace.
 */
export function contextFromHeaders(headers: Readonly<Record<string, unknown>> | undefined): Context {
  if (!tracingOn() || !headers) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key];
      return typeof value === 'string' ? value : undefined;
    },
  });
}

/** The span `ctx` holds, as a link (a batch handled for many traces links each). */
export function linkTo(ctx: Context): Link | undefined {
  const spanContext = trace.getSpan(ctx)?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? { context: spanContext } : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  links?: Link[];
  /** The parent; the active context when left out. */
  parent?: Context;
}

/** A span that the caller ends (`endSpan`); undefined when tracing is off. */
export function startSpan(name: string, options: SpanOptions = {}): Span | undefined {
  if (!tracingOn()) return undefined;
  const { kind = SpanKind.INTERNAL, attributes, links, parent = context.active() } = options;
  return tracer().startSpan(name, { kind, attributes, links }, parent);
}

/** Marks `span` failed with `error`. */
function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

/** Ends `span`, marked failed when `error` is given. */
export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) return;
  if (error !== undefined) fail(span, error);
  span.end();
}

/** Sets an attribute on the active span, if there is one being recorded. */
export function labelActiveSpan(key: string, value: string): void {
  if (tracingOn()) trace.getSpan(context.active())?.setAttribute(key, value);
}

/** Marks the active span failed: for work that reports a failure instead of throwing it. */
export function failActiveSpan(error: unknown): void {
  const span = tracingOn() ? trace.getSpan(context.active()) : undefined;
  if (span) fail(span, error);
}

/** Runs `fn` inside a new span (its children are the spans `fn` makes); with tracing off, just runs it. */
export async function inSpan<T>(name: string, options: SpanOptions, fn: () => Promise<T>): Promise<T> {
  const span = startSpan(name, options);
  if (!span) return fn();
  try {
    const result = await context.with(trace.setSpan(options.parent ?? context.active(), span), fn);
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

/** The trace context headers that make `span` the parent of whatever receives them. */
export const spanHeaders = (span: Span | undefined): Record<string, string> | undefined =>
  span ? traceHeaders(trace.setSpan(ROOT_CONTEXT, span)) : undefined;

/** Whether a span is active here: work outside any trace (sweeps, polls) starts none of its own. */
export const insideTrace = (): boolean => tracingOn() && trace.getSpan(context.active()) !== undefined;

/**
 * Runs `fn` outside whatever trace is active: a background loop woken by a request (the outbox
 * relay) must not put its own work, for other requests too, into that request's trace.
 */
export const outsideTrace = <T>(fn: () => T): T => (tracingOn() ? context.with(ROOT_CONTEXT, fn) : fn());

/** Runs `fn` with `ctx` active, so what it traces continues there. */
export const withContext = <T>(ctx: Context | undefined, fn: () => T): T => (ctx ? context.with(ctx, fn) : fn());

/** The active context, to hand to work that runs later; undefined when tracing is off. */
export const activeContext = (): Context | undefined => (tracingOn() ? context.active() : undefined);

const carried = new WeakMap<object, Context>();

/**
 * Ties a trace context to an item that crosses a queue or an iterator (a live notification on its
 * way to a socket), where no async context follows it. Nothing is kept when tracing is off or
 * `ctx` holds no span.
 */
export function carryContext(item: object, ctx: Context | undefined): void {
  if (ctx && trace.getSpan(ctx)) carried.set(item, ctx);
}

/** The context `carryContext` tied to `item`. */
export const carriedContext = (item: object): Context | undefined => (tracingOn() ? carried.get(item) : undefined);

/** `trace_id` and `span_id` of the active span, for log lines; undefined outside a trace. */
export function activeTraceIds(): { trace_id: string; span_id: string } | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (!spanContext || !trace.isSpanContextValid(spanContext)) return undefined;
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}

/** On `globalThis` like the flag: the SDK's request hook reads what the app wrote, even from another copy of this module. */
const SERVERS = Symbol.for('sbor.telemetry.servers');
const servers: WeakMap<Server, string> = ((globalThis as { [SERVERS]?: WeakMap<Server, string> })[SERVERS] ??= new WeakMap());

/** Names the service an HTTP server belongs to, so its request spans say which one answered. */
export function nameServer(server: Server, service: string): void {
  if (tracingOn()) servers.set(server, service);
}

/** The service `nameServer` gave `server`. */
export const serviceOfServer = (server: Server | null | undefined): string | undefined => (server ? servers.get(server) : undefined);
