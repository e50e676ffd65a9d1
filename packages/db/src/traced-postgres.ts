/**
 * SQL spans for postgres.js, which has no maintained OpenTelemetry instrumentation, and for PGlite
 * (embedded mode). Drizzle sends every statement through `sql.unsafe(text, params)` (PGlite:
 * `query`), inside a transaction on the handle that `begin` (`transaction`) gives its callback, so
 * wrapping those is enough. Only a statement run inside a trace gets a span: the relay's and the
 * sweepers' polls would otherwise each start a trace of their own. The text is drizzle's
 * parameterized statement; parameter values are never recorded.
 */
import type { PGlite } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { endSpan, insideTrace, SpanKind, startSpan, tracingOn } from '@sbor/core/telemetry';

type Sql = postgres.Sql<Record<string, never>>;
type Then = (onFulfilled?: (value: unknown) => unknown, onRejected?: (error: unknown) => unknown) => Promise<unknown>;
/** A postgres.js query: a promise that runs when first awaited. */
type Pending = { then: Then };

/** `sql` itself when tracing is off; otherwise the same client, its statements traced. `url` names the database in the spans. */
export function tracedPostgres<S extends Sql>(sql: S, url: string): S {
  return tracingOn() ? traced(sql, databaseOf(url)) : sql;
}

function databaseOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  } catch {
    return 'postgres';
  }
}

function traced<S extends Sql>(sql: S, database: string): S {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (text: string, params?: unknown[], options?: unknown) =>
          spanOnRun(target.unsafe(text, params as never, options as never) as unknown as Pending, text, database);
      }
      // Drizzle's transactions (`begin`) and nested ones (`savepoint`) run their statements on
      // the `sql` given to the callback: traced too.
      if (property === 'begin' || property === 'savepoint') {
        const open = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: Sql) => unknown;
          return open(...args, (tx: Sql) => body(traced(tx, database)));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * postgres.js runs a query when it is first awaited (`then`), so the span starts there, a child
 * of whatever awaits it, and ends when the result or the error is in.
 */
function spanOnRun<Q extends Pending>(query: Q, text: string, database: string): Q {
  const run = query.then.bind(query);
  let result: Promise<unknown> | undefined;
  query.then = (onFulfilled, onRejected) => {
    result ??= measured(run, text, database);
    return result.then(onFulfilled, onRejected);
  };
  return query;
}

function measured(run: Then, text: string, database: string): Promise<unknown> {
  if (!insideTrace()) return run();
  const span = startSpan(`${operationOf(text)} ${database}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      'db.system.name': 'postgresql',
      'db.namespace': database,
      'db.operation.name': operationOf(text),
      'db.query.text': text,
    },
  });
  return run(
    (rows: unknown) => {
      endSpan(span);
      return rows;
    },
    (error: unknown) => {
      endSpan(span, error);
      throw error;
    },
  );
}

const operationOf = (text: string) => /^\s*(\w+)/.exec(text)?.[1]?.toUpperCase() ?? 'SQL';

type Query = (text: string, ...rest: unknown[]) => Promise<unknown>;

/** The shared PGlite itself when tracing is off; otherwise a view of it whose statements are traced. */
export function tracedPglite(client: PGlite): PGlite {
  return tracingOn() ? tracedQueries(client) : client;
}

/** PGlite's methods read private fields, so they are called on the client itself, never on the proxy. */
function tracedQueries<C extends object>(client: C): C {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'query') {
        const query = value.bind(target) as Query;
        return (text: string, ...rest: unknown[]) => measured((ok, failed) => query(text, ...rest).then(ok, failed), text, 'pglite');
      }
      if (property === 'transaction') {
        const transaction = value.bind(target) as (body: (tx: object) => unknown) => unknown;
        return (body: (tx: object) => unknown) => transaction((tx) => body(tracedQueries(tx)));
      }
      return value.bind(target);
    },
  });
}
