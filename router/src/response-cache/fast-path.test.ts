import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { pino } from 'pino';
import { createMemoryCache, type Cache } from '@sbor/cache';
import { createLogger, createServiceMetrics, type ServiceMetrics } from '@sbor/core';
import { startTokenIssuer, type TokenIssuer } from '@sbor/testing';
import { authenticateAtEdge } from '../auth.js';
import { requestContextMiddleware, type RouterContext } from '../context.js';
import { graphqlRoute } from '../graphql-route.js';
import { cacheHintsOf } from './hints.js';
import { responseCacheOver } from './index.js';
import { createResponseStore, GENERATION_REFRESH_MS, type ResponseStore } from './store.js';

/** Public fields as the subgraphs declare them; `events` lives 1 s like the shop's listing. */
const SDL = `
  directive @cacheControl(maxAge: Int, scope: CacheControlScope) on FIELD_DEFINITION | OBJECT
  enum CacheControlScope { PUBLIC PRIVATE }
  type Category @cacheControl(maxAge: 60, scope: PUBLIC) { id: ID! name: String! }
  type Query {
    categories: [Category!]! @cacheControl(maxAge: 60, scope: PUBLIC)
    events: [String!]! @cacheControl(maxAge: 1, scope: PUBLIC)
    broken: String @cacheControl(maxAge: 60, scope: PUBLIC)
  }
  type Mutation { touch: Boolean }
`;
const CATEGORIES = 'query Categories { categories { id name } }';

/** The router's GraphQL route (auth at the edge, Apollo Server, the response cache) over a local schema. */
let server: http.Server;
let url: string;
let issuer: TokenIssuer;
let store: ResponseStore;
let sharedCache: Cache;
let metrics: ServiceMetrics;
/** Operations Apollo Server started: the fast path answers without adding one. */
let apolloRuns = 0;
/** Times the schema was asked: a cached answer of any kind adds none. */
let resolved = 0;
const logLines: { msg?: string; operationName?: string }[] = [];

beforeAll(async () => {
  issuer = await startTokenIssuer();
  sharedCache = createMemoryCache();
  store = createResponseStore(sharedCache, createLogger('router-test', 'silent'));
  metrics = createServiceMetrics('router');
  const responseCache = responseCacheOver(store, cacheHintsOf(SDL), metrics);
  const apollo = new ApolloServer<RouterContext>({
    typeDefs: SDL,
    resolvers: {
      Query: {
        categories: () => (resolved++, [{ id: 'c1', name: 'Jazz' }]),
        events: () => (resolved++, [`listed at ${Date.now()}`]),
        broken: () => {
          resolved++;
          throw new Error('the subgraph failed');
        },
      },
      Mutation: { touch: () => (resolved++, true) },
    },
    csrfPrevention: true,
    plugins: [
      responseCache.plugin,
      {
        async requestDidStart() {
          apolloRuns++;
        },
      },
    ],
  });
  await apollo.start();
  const app = express();
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });
  app.use(requestContextMiddleware(logger));
  app.use('/graphql', express.json(), authenticateAtEdge(issuer.verifyToken), graphqlRoute(apollo, responseCache.fastPath));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await issuer?.close();
});

beforeEach(async () => {
  await store.invalidate(); // every test starts with nothing cached
});

async function post(query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables: {} }),
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/** node:http, not fetch: a conditional fetch() adds `cache-control: no-cache`, which forbids a 304. */
function get(query: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; etag: string | undefined; cacheControl: string | undefined; text: string }>((resolve, reject) => {
    const target = `${url}?query=${encodeURIComponent(query)}`;
    http
      .get(target, { headers: { 'apollo-require-preflight': 'true', ...headers } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, etag: res.headers.etag, cacheControl: res.headers['cache-control'], text }));
      })
      .on('error', reject);
  });
}

async function hits() {
  const line = (await metrics.text()).split('\n').find((l) => l.startsWith('sbor_router_response_cache_total{result="hit"'));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/**
 * A read, then its repeat, until the repeat was answered in front of Apollo Server: the local view of
 * the generation is used for 100 ms after it was read, and on a loaded machine two requests in a row
 * can be further apart than that (then the repeat takes the slow path, correctly, and fills it again).
 */
async function readTwice<T>(send: () => Promise<T>) {
  let pair: { first: T; second: T; runs: number } | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    const first = await send();
    const runs = apolloRuns;
    const second = await send();
    pair = { first, second, runs };
    if (apolloRuns === runs) break;
  }
  return pair!;
}

describe('response cache fast path (repeat anonymous reads answered before Apollo Server)', () => {
  it('answers a repeated anonymous read from memory, byte for byte, without running Apollo Server', async () => {
    const hitsBefore = await hits();
    const { first, second, runs } = await readTwice(() => post(CATEGORIES));
    expect(apolloRuns).toBe(runs);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(JSON.parse(second.text)).toEqual({ data: { categories: [{ id: 'c1', name: 'Jazz' }] } });
    expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(second.headers.get('cache-control')).toMatch(/^public, max-age=(59|60)$/);
    expect(await hits()).toBeGreaterThan(hitsBefore);
    expect(logLines.at(-1)).toMatchObject({ msg: 'request', operationName: 'Categories' });
  });

  it("answers Apollo Client's Accept with the content type Apollo Server chose for it", async () => {
    const accept = 'application/graphql-response+json,application/json;q=0.9';
    const { first, second, runs } = await readTwice(() => post(CATEGORIES, { accept }));
    expect(apolloRuns).toBe(runs);
    expect(second.text).toBe(first.text);
    expect(second.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(second.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    // The same answer to plain JSON clients keeps their own content type.
    const plain = await readTwice(() => post(CATEGORIES, { accept: 'application/json' }));
    expect(plain.second.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('never answers a browser GET that prefers HTML (the landing page) nor an Accept Apollo Server refuses', async () => {
    await get(CATEGORIES); // ready in memory for JSON
    const html = 'text/html,application/xhtml+xml,application/json;q=0.5';
    const runs = apolloRuns;
    const page = await get(CATEGORIES, { accept: html });
    const again = await get(CATEGORIES, { accept: html });
    // Apollo Server's landing page both times, never the JSON kept for this text.
    expect(page.text).toMatch(/<!DOCTYPE html>/i);
    expect(again.text).toMatch(/<!DOCTYPE html>/i);
    const refused = await post(CATEGORIES, { accept: 'image/png' });
    expect(refused.status).toBe(406);
    expect((await post(CATEGORIES, { accept: 'image/png' })).status).toBe(406);
    expect(apolloRuns).toBeGreaterThan(runs);
  });

  it('never serves a signed-in caller from it, nor marks their answer public', async () => {
    await post(CATEGORIES); // an anonymous answer is ready now
    const runs = apolloRuns;
    const signedIn = await post(CATEGORIES, { authorization: `Bearer ${(await issuer.sign()).token}` });
    expect(JSON.parse(signedIn.text)).toEqual({ data: { categories: [{ id: 'c1', name: 'Jazz' }] } });
    expect(apolloRuns).toBe(runs + 1);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
  });

  it('misses on the very next read after an invalidation, without waiting for the shared cache', async () => {
    await post(CATEGORIES);
    await post(CATEGORIES);
    const [runs, asked] = [apolloRuns, resolved];
    void store.invalidate(); // what the fact handler calls; not awaited, as a read may arrive before it lands
    await post(CATEGORIES);
    expect(apolloRuns).toBe(runs + 1);
    expect(resolved).toBe(asked + 1);
  });

  it("misses once another replica's invalidation reaches the shared cache, within the refresh interval", async () => {
    await post(CATEGORIES);
    const otherReplica = createResponseStore(sharedCache, createLogger('router-test', 'silent'));
    await otherReplica.invalidate();
    const runs = apolloRuns;
    await new Promise((resolve) => setTimeout(resolve, GENERATION_REFRESH_MS + 20));
    await post(CATEGORIES); // the view was due: this read waits for it, and it is new
    expect(apolloRuns).toBe(runs + 1);
  });

  it('never serves an answer past its max-age', async () => {
    const first = await post('{ events }');
    expect(first.headers.get('cache-control')).toBe('public, max-age=1');
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    const runs = apolloRuns;
    const later = await post('{ events }');
    expect(apolloRuns).toBe(runs + 1);
    expect(later.text).not.toBe(first.text);
  });

  it('keeps ETag and 304 for a GET it answers', async () => {
    const { first, second, runs } = await readTwice(() => get(CATEGORIES));
    expect(apolloRuns).toBe(runs);
    expect(second.status).toBe(200);
    expect(second.etag).toBe(first.etag);
    expect(second.cacheControl).toMatch(/^public, max-age=/);
    // From memory or from Apollo Server, the same bytes: the same tag, so a 304 either way.
    const revalidated = await get(CATEGORIES, { 'if-none-match': first.etag! });
    expect(revalidated.status).toBe(304);
  });

  it('leaves a GET without a CSRF preflight header to Apollo Server, which refuses it', async () => {
    await get(CATEGORIES);
    const refused = await get(CATEGORIES, { 'apollo-require-preflight': '' });
    expect(refused.status).toBe(400);
  });

  it('never answers errors, mutations or persisted-query hashes from memory', async () => {
    for (const query of ['{ broken }', 'mutation { touch }']) {
      const asked = resolved;
      await post(query);
      const again = await post(query);
      expect(resolved).toBe(asked + 2);
      expect(again.headers.get('cache-control')).toBe('no-store');
    }
    await post(CATEGORIES);
    const runs = apolloRuns;
    const byHash = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: CATEGORIES, extensions: { persistedQuery: { version: 1, sha256Hash: 'not-its-hash' } } }),
    });
    expect(byHash.status).toBe(400); // Apollo Server checked the hash: the memo must not skip that
    expect(apolloRuns).toBe(runs + 1);
  });

  it('leaves variables too deep to hash to Apollo Server, and answers them without caching, never a 500', async () => {
    const deep = `{"query":"${CATEGORIES}","variables":{"x":${'['.repeat(10_000)}1${']'.repeat(10_000)}}}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const runs = apolloRuns;
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: deep });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(apolloRuns).toBe(runs + 1);
    }
  });

  it('serves nothing from memory once the shared cache cannot be read', async () => {
    await post(CATEGORIES);
    const read = sharedCache.get;
    sharedCache.get = () => Promise.reject(new Error('redis down'));
    try {
      await new Promise((resolve) => setTimeout(resolve, GENERATION_REFRESH_MS + 20));
      const runs = apolloRuns;
      const answer = await post(CATEGORIES);
      expect(apolloRuns).toBe(runs + 1);
      expect(JSON.parse(answer.text)).toEqual({ data: { categories: [{ id: 'c1', name: 'Jazz' }] } });
      expect(answer.headers.get('cache-control')).toBe('no-store');
    } finally {
      sharedCache.get = read;
    }
  });
});
