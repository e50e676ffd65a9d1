import fc from 'fast-check';
import postgres from 'postgres';
import { expect } from 'vitest';
import type { GraphQLResponse, TestPlatform } from '@sbor/platform';

/**
 * Fixed seed so a failure reproduces; override with HOSTILE_SEED=<n>. fast-check prints the seed and
 * the shrunk counterexample of a failing property, and every suite logs the seed it ran with.
 */
export const SEED = Number(process.env.HOSTILE_SEED ?? 20_261_127);

/** Anything that looks like server internals leaking into an answer. */
const LEAK =
  /\n\s+at |node_modules|\.ts:\d|stacktrace|duplicate key|violates|syntax error at|invalid input syntax|invalid byte sequence|postgres/i;

/**
 * What every answer to hostile input must look like: a success, or GraphQL errors that each carry
 * a string `extensions.code` other than INTERNAL_SERVER_ERROR; never HTTP 5xx, never a stack trace.
 * Returns whether the request was refused.
 */
export function assertWellFormed(res: GraphQLResponse, label = ''): 'ok' | 'refused' {
  const where = `${label}: ${JSON.stringify(res).slice(0, 400)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.errors === undefined) {
    expect(res.status, where).toBe(200);
    return 'ok';
  }
  expect(res.errors.length, where).toBeGreaterThan(0);
  for (const error of res.errors) {
    expect(typeof error.extensions?.code, where).toBe('string');
    expect(error.extensions?.code, where).not.toBe('INTERNAL_SERVER_ERROR');
  }
  expect(JSON.stringify(res.errors), where).not.toMatch(LEAK);
  return 'refused';
}

/** Sends raw bytes to a GraphQL endpoint; answers status, timing and the parsed body (or the text). */
export async function postRaw(url: string, body: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  const ms = performance.now() - started;
  let json: GraphQLResponse | undefined;
  try {
    json = { status: response.status, ...(JSON.parse(text) as object) } as GraphQLResponse;
  } catch {
    json = undefined;
  }
  return { status: response.status, ms, json, text };
}

// ---------------------------------------------------------------------------------------------
// Hostile values

const MEGABYTE = 'x'.repeat(1 << 20);
const NASTY_STRINGS = [
  '',
  ' ',
  '   \t ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31mred',
  '\ud800',
  'lone \udfff surrogate',
  'a\ud83d',
  '\u202eevil',
  '\ufeff',
  'zero\u200bwidth',
  "'; drop table users; --",
  '" or 1=1 --',
  '%s%n%x',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '😀'.repeat(70),
  'é'.repeat(61),
];

/** Strings a well-meaning client never sends. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 300, maxLength: 12_000 }) },
  { weight: 1, arbitrary: fc.constant(MEGABYTE) },
);

/** Ints and not-quite-ints, including beyond GraphQL's 32-bit Int. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1, 11, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, 1e308, -1e308, 0.5, -0),
  fc.integer(),
  fc.integer({ min: -(2 ** 31), max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Dates that are not (real) ISO-8601 timestamps, plus some far-off real ones. */
export const nastyDate: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '2027-02-30T10:00:00Z',
    '2027-02-29T10:00:00Z',
    '2027-04-31T10:00:00Z',
    '2027-13-01T00:00:00Z',
    '2027-01-01T24:00:00Z',
    '2027-01-01T23:60:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00Z',
    '2027-01-01',
    '2027-01-01T10:00:00',
    'tomorrow',
    'Invalid Date',
    '',
    1_800_000_000_000,
  ),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
  nastyString,
);

/** Values of the wrong type altogether. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ $ne: null }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.integer(),
);

export const nastyId: fc.Arbitrary<unknown> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '1', '-1'),
  nastyString,
);

/** Mostly hostile, sometimes valid, sometimes null or the wrong type. */
export function field<T>(valid: fc.Arbitrary<T>, nasty: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 2, arbitrary: valid }, { weight: 5, arbitrary: nasty }, { weight: 1, arbitrary: wrongType });
}

export type FieldFn = <T>(valid: fc.Arbitrary<T>, nasty: fc.Arbitrary<unknown>) => fc.Arbitrary<unknown>;
/** The `field` stand-in that builds only valid values. */
export const validOnly: FieldFn = (valid) => valid;

/** Any hostile value at all. */
const anyHostile: fc.Arbitrary<unknown> = fc.oneof(nastyString, nastyNumber, nastyDate, nastyId, wrongType, fc.constant(undefined));

/** Every path (to objects, arrays and leaves) inside a JSON-like value. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

/** A valid value with exactly one place in it (a leaf or a whole sub-object) replaced by a hostile value. */
export function oneHostile(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(valid, fc.nat(), anyHostile).map(([value, pick, bad]) => {
    const copy = structuredClone(value);
    const paths = pathsOf(copy).filter((p) => p.length > 0);
    if (paths.length === 0) return copy;
    const path = paths[pick % paths.length]!;
    let parent = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[path.at(-1)!] = bad;
    return copy;
  });
}

// ---------------------------------------------------------------------------------------------
// Database fingerprints (full mode)

/** Tables that background workers write on their own schedule (consumers, relays, schedulers). */
const BACKGROUND = new Set([
  'applied',
  'inbox',
  'deliveries',
  'reminders',
  'ticket_holders',
  'user_contacts',
  'cancelled_events',
  'signing_keys',
  'qr_signing_keys',
  'vapid_keys',
]);

export type Fingerprint = Record<string, string>;

/**
 * Row count and an md5 over every row of each table a request could change; outbox tables by
 * count only (the relay marks rows sent in the background). Not for embedded mode.
 */
export function fingerprinter(databaseUrls: TestPlatform['databaseUrls']) {
  const clients = new Map<string, postgres.Sql>();
  const statements = new Map<string, string>();
  for (const [service, url] of Object.entries(databaseUrls)) {
    if (url) clients.set(service, postgres(url, { max: 1, onnotice: () => {} }));
  }

  async function statementFor(service: string, sql: postgres.Sql) {
    const cached = statements.get(service);
    if (cached) return cached;
    const tables = await sql<{ schema: string; name: string }[]>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
        and table_schema not like '%_migrations' and not (table_schema = 'notifications' and table_name = 'events')
      order by 1, 2`;
    const parts = tables
      .filter((t) => !BACKGROUND.has(t.name))
      .map((t) => {
        const q = `"${t.schema}"."${t.name}"`;
        const hash = t.name === 'outbox' ? `''` : `md5(coalesce(string_agg(r::text, '|' order by r::text), ''))`;
        return `select '${t.schema}.${t.name}' as t, count(*)::text || ':' || ${hash} as f from ${q} r`;
      });
    const statement = parts.join(' union all ');
    statements.set(service, statement);
    return statement;
  }

  return {
    async of(service: string): Promise<Fingerprint> {
      const sql = clients.get(service);
      if (!sql) throw new Error(`no database for ${service}`);
      const rows = await sql.unsafe<{ t: string; f: string }[]>(await statementFor(service, sql));
      return Object.fromEntries(rows.map((r) => [r.t, r.f]));
    },
    async close() {
      for (const sql of clients.values()) await sql.end();
    },
  };
}
