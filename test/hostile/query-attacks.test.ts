import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, DEFAULT_ISSUER } from '@sbor/auth';
import { createLogger } from '@sbor/core';
import { startTestPlatform, type TestPlatform } from '@sbor/platform';
import { loadRouterConfig, startRouter, type RouterOptions, type RunningRouter } from '@sbor/router';
import { actorsOn, type Actor } from '../e2e/support/actors.js';
import { assertWellFormed, postRaw } from './support/hostile.js';

/**
 * Operations built to cost the server: each must be refused with a GraphQL error and a code, fast
 * (under a second), and before any subgraph is asked. A second router runs in front of counting
 * proxies, so "no subgraph work" is observed, not assumed.
 */

const FAST_MS = 1_000;

/** Forwards to `target` and counts the GraphQL requests it forwarded. */
async function countingProxy(target: string) {
  const counter = { graphql: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      if (req.url?.startsWith('/graphql')) counter.graphql += 1;
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k)),
      ) as Record<string, string>;
      try {
        const upstream = await fetch(new URL(req.url ?? '/', target), {
          method: req.method,
          headers,
          body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks),
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      } catch {
        res.writeHead(502).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}${new URL(target).pathname}`, counter, close: () => new Promise((r) => server.close(r)) };
}

const repeat = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join(' ');

/** Event.ticketTypes.event.ticketTypes… `levels` deep. */
function deepQuery(levels: number) {
  let inner = 'id';
  for (let i = 0; i < levels; i += 1) inner = i % 2 === 0 ? `event { ${inner} }` : `ticketTypes { ${inner} }`;
  return `{ events { edges { node { ticketTypes { ${inner} } } } } }`;
}

const ATTACKS: { name: string; body: () => string; status?: number; headers?: Record<string, string> }[] = [
  { name: 'depth 50', body: () => JSON.stringify({ query: deepQuery(50) }) },
  { name: '1,000 aliases', body: () => JSON.stringify({ query: `{ ${repeat(1000, (i) => `a${i}: __typename`)} }` }) },
  {
    name: '1,000 aliases of a subgraph field',
    body: () => JSON.stringify({ query: `{ ${repeat(1000, (i) => `a${i}: categories { id }`)} }` }),
  },
  {
    name: '30 aliases (over the alias limit, under the token limit)',
    body: () => JSON.stringify({ query: `{ ${repeat(30, (i) => `a${i}: categories { id }`)} }` }),
  },
  { name: 'a 5,000-field selection', body: () => JSON.stringify({ query: `{ categories { ${repeat(5000, () => 'id')} } }` }) },
  {
    name: 'fragment cycle',
    body: () => JSON.stringify({ query: '{ ...A } fragment A on Query { categories { id } ...B } fragment B on Query { ...A }' }),
  },
  {
    name: 'self-spreading fragment',
    body: () =>
      JSON.stringify({ query: '{ events { edges { node { ...E } } } } fragment E on Event { id ticketTypes { event { ...E } } }' }),
  },
  {
    name: 'huge fragment spread many times',
    body: () =>
      JSON.stringify({
        query: `{ ${repeat(300, () => '...F')} } fragment F on Query { categories { id name slug } events { edges { node { id title } } } }`,
      }),
  },
  {
    name: 'fragment fan-out (each level spreads the next twice)',
    body: () => {
      const levels = 20;
      const fragments = repeat(levels, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
      return JSON.stringify({ query: `{ ...F0 } ${fragments} fragment F${levels} on Query { categories { id } }` });
    },
  },
  {
    name: '200 directives on one field',
    body: () => JSON.stringify({ query: `{ categories ${repeat(200, () => '@include(if: true)')} { id } }` }),
  },
  { name: 'batched array', body: () => JSON.stringify([{ query: '{ categories { id } }' }, { query: '{ categories { id } }' }]) },
  {
    name: '1,000-element batched array',
    body: () => JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ categories { id } }' }))),
  },
  {
    name: 'oversized body (1 MB query)',
    body: () => JSON.stringify({ query: `{ categories { id } } # ${'x'.repeat(1 << 20)}` }),
    status: 413,
  },
  {
    name: 'oversized body (5 MB variables)',
    body: () => JSON.stringify({ query: '{ categories { id } }', variables: { x: 'y'.repeat(5 << 20) } }),
    status: 413,
  },
  {
    name: 'deeply nested input list literal',
    body: () =>
      JSON.stringify({
        query: `mutation { updateNotificationPreferences(input: { mutedTypes: ${'['.repeat(900)}EVENT_REMINDER${']'.repeat(900)} }) { email } }`,
      }),
  },
  {
    name: 'deeply nested input list variable (10,000 levels)',
    body: () =>
      `{"query":"mutation ($m: [NotificationType!]) { updateNotificationPreferences(input: { mutedTypes: $m }) { email } }","variables":{"m":${'['.repeat(10_000)}"EVENT_REMINDER"${']'.repeat(10_000)}}}`,
  },
  {
    name: 'deeply nested input object variable',
    body: () =>
      `{"query":"mutation ($i: PreferencesInput!) { updateNotificationPreferences(input: $i) { email } }","variables":{"i":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`,
  },
  { name: 'not JSON', body: () => '{"query": "{ categories { id } }"', status: 400 },
  { name: 'JSON but not an operation', body: () => JSON.stringify({ nothing: true }), status: 400 },
  { name: 'query of the wrong type', body: () => JSON.stringify({ query: { $ne: 1 } }), status: 400 },
  {
    name: 'many operations, none chosen',
    body: () => JSON.stringify({ query: repeat(50, (i) => `query Q${i} { categories { id } }`) }),
    status: 400,
  },
  {
    name: 'an operationName that is not in the document',
    body: () => JSON.stringify({ query: 'query A { categories { id } }', operationName: 'B' }),
    status: 400,
  },
  {
    name: 'mutation over GET-like simple request (CSRF)',
    body: () => 'query=mutation{becomeOrganizer{accessToken}}',
    headers: { 'content-type': 'text/plain' },
    status: 400,
  },
];

describe('query attacks (full mode)', () => {
  let platform: TestPlatform;
  let router: RunningRouter;
  let proxies: Awaited<ReturnType<typeof countingProxy>>[];
  let user: Actor;

  beforeAll(async () => {
    platform = await startTestPlatform('full');
    user = await actorsOn(platform).signUp('Attacker');
    proxies = await Promise.all(Object.values(platform.subgraphUrls).map(countingProxy));
    router = await startRouter(routerOptions());
  });

  const routerOptions = (): RouterOptions => {
    const names = Object.keys(platform.subgraphUrls);
    return {
      ...loadRouterConfig({}),
      port: 0,
      host: '127.0.0.1',
      nodeEnv: 'test',
      logLevel: 'silent',
      logger: createLogger('router', 'silent'),
      routerSecret: platform.routerSecret,
      jwksUrl: new URL('/.well-known/jwks.json', platform.subgraphUrls.users).toString(),
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
      subgraphUrls: Object.fromEntries(names.map((n, i) => [n, proxies[i]!.url])) as never,
    };
  };
  afterAll(async () => {
    await router?.stop();
    for (const proxy of proxies ?? []) await proxy.close();
    await platform?.stop();
  });

  const subgraphCalls = () => proxies.reduce((sum, p) => sum + p.counter.graphql, 0);

  it('the counting router does reach subgraphs for an honest query', async () => {
    const before = subgraphCalls();
    const res = await postRaw(router.url, JSON.stringify({ query: '{ categories { id } }' }));
    expect(res.status).toBe(200);
    expect(subgraphCalls()).toBeGreaterThan(before);
  });

  it.each(ATTACKS.map((a) => [a.name, a] as const))('%s: refused with a code, fast, with no subgraph work', async (name, attack) => {
    for (const token of [undefined, user.token]) {
      const before = subgraphCalls();
      const res = await postRaw(router.url, attack.body(), {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...attack.headers,
      });
      expect(res.json, `${name}: not a GraphQL-shaped answer (${res.status}): ${res.text.slice(0, 200)}`).toBeDefined();
      expect(assertWellFormed(res.json!, name)).toBe('refused');
      expect(res.status, res.text.slice(0, 300)).toBeGreaterThanOrEqual(400);
      if (attack.status) expect(res.status).toBe(attack.status);
      expect(res.ms, `${name} took ${res.ms.toFixed(0)} ms`).toBeLessThan(FAST_MS);
      expect(subgraphCalls(), `${name} reached a subgraph`).toBe(before);
    }
  });

  it('introspection: a fan-out introspection query is answered by the router alone, fast', async () => {
    // graphql-armor leaves introspection out of the depth limit (Apollo Sandbox's own query is
    // deeper than 12), so in development it answers; the schema is in memory and small.
    let inner = 'name';
    for (let i = 0; i < 6; i += 1) inner = `fields { type { ${inner} } } ofType { ${inner} }`;
    const query = `{ __schema { types { ${inner} } } }`;
    const before = subgraphCalls();
    const dev = await postRaw(router.url, JSON.stringify({ query }));
    expect(dev.json && assertWellFormed(dev.json, 'introspection')).toBeDefined();
    expect(dev.ms).toBeLessThan(FAST_MS);
    expect(subgraphCalls()).toBe(before);

    // Off in production (NODE_ENV=production): router/test/router.test.ts covers that; starting a
    // production gateway here would make @apollo/gateway probe cloud metadata endpoints.
  });

  it('the same limits hold on the platform’s own router', async () => {
    for (const attack of ATTACKS.slice(0, 6)) {
      const res = await postRaw(platform.routerUrl, attack.body());
      expect(res.json && assertWellFormed(res.json, attack.name)).toBe('refused');
    }
  });
});
