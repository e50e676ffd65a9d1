import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningRouter } from '../src/router.js';
import { operationHash } from '../src/safelist.js';
import { getGraphQL, persisted, postGraphQL, startRouterBench, type RouterBench } from './support/test-router.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let bench: RouterBench;

beforeAll(async () => {
  bench = await startRouterBench();
});

afterAll(async () => {
  await bench?.stop();
});

beforeEach(() => {
  bench.subgraph.calls.length = 0;
});

/** A document no other test has registered, so every test starts from a miss. */
const freshQuery = () => `query Me${randomUUID().replaceAll('-', '')} { me { id } }`;
const codeOf = (body: { errors?: { extensions?: Record<string, unknown> }[] }) => body.errors?.[0]?.extensions?.code;

describe('automatic persisted queries', () => {
  let router: RunningRouter;
  beforeAll(async () => {
    router = await bench.start();
  });

  for (const [method, send] of [
    ['POST', postGraphQL],
    ['GET', getGraphQL],
  ] as const) {
    it(`over ${method}: a miss asks for the text, which registers it, then the hash alone runs it`, async () => {
      const query = freshQuery();
      const hash = operationHash(query);

      const miss = await send(router, { extensions: persisted(hash) });
      expect(codeOf(miss.body)).toBe('PERSISTED_QUERY_NOT_FOUND');

      expect((await send(router, { query, extensions: persisted(hash) })).body).toEqual({ data: { me: null } });
      expect((await send(router, { extensions: persisted(hash) })).body).toEqual({ data: { me: null } });
      expect(bench.subgraph.calls).toHaveLength(2);
    });
  }

  it('refuses a text sent with a hash that is not its own, and registers nothing under that hash', async () => {
    const query = freshQuery();
    const wrongHash = operationHash(freshQuery());

    const wrong = await postGraphQL(router, { query, extensions: persisted(wrongHash) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toEqual({
      errors: [{ message: 'The persisted query hash is not the sha256 of the query.', extensions: { code: 'BAD_REQUEST' } }],
    });
    expect(codeOf((await postGraphQL(router, { extensions: persisted(wrongHash) })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(bench.subgraph.calls).toHaveLength(0);
  });
});

describe('automatic persisted queries across router replicas (full mode)', () => {
  it('a query registered through one replica runs by hash on another sharing the Redis', async () => {
    const shared = { REDIS_URL, CACHE_PREFIX: `sbor-test-${randomUUID()}:`, ROUTER_PERSISTED_QUERY_TTL_SECONDS: '60' };
    const [replicaA, replicaB] = await Promise.all([bench.start(shared), bench.start(shared)]);
    const query = freshQuery();
    const hash = operationHash(query);

    expect((await postGraphQL(replicaA, { query, extensions: persisted(hash) })).body).toEqual({ data: { me: null } });
    expect((await getGraphQL(replicaB, { extensions: persisted(hash) })).body).toEqual({ data: { me: null } });
  });

  it('replicas without a shared Redis do not see each other’s queries', async () => {
    const [replicaA, replicaB] = await Promise.all([bench.start(), bench.start()]);
    const query = freshQuery();
    const hash = operationHash(query);

    await postGraphQL(replicaA, { query, extensions: persisted(hash) });
    expect(codeOf((await postGraphQL(replicaB, { extensions: persisted(hash) })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('safelist mode (ROUTER_SAFELIST)', () => {
  const registered = 'query Me { me { id } }';
  let router: RunningRouter;

  beforeAll(async () => {
    const manifest = path.join(mkdtempSync(path.join(tmpdir(), 'sbor-safelist-')), 'persisted-operations.json');
    const operations = [{ id: operationHash(registered), name: 'Me', type: 'query', body: registered }];
    writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }));
    router = await bench.start({ ROUTER_SAFELIST: manifest });
  });

  it('runs a registered operation by its hash alone', async () => {
    expect((await postGraphQL(router, { extensions: persisted(operationHash(registered)) })).body).toEqual({ data: { me: null } });
    expect((await getGraphQL(router, { extensions: persisted(operationHash(registered)) })).body).toEqual({ data: { me: null } });
  });

  it('runs a registered operation sent as its full text', async () => {
    expect((await postGraphQL(router, { query: registered })).body).toEqual({ data: { me: null } });
  });

  it('refuses any other text with FORBIDDEN before a subgraph is called', async () => {
    const refused = await postGraphQL(router, { query: '{ me { id displayName } }' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      errors: [{ message: 'This operation is not in the safelist of registered operations.', extensions: { code: 'FORBIDDEN' } }],
    });
    // Registered text with a different spacing is a different document.
    expect(codeOf((await postGraphQL(router, { query: `${registered} ` })).body)).toBe('FORBIDDEN');
    expect(bench.subgraph.calls).toHaveLength(0);
  });

  it('lets nobody register an operation: its text with its hash is refused, and its hash stays unknown', async () => {
    const query = freshQuery();
    const hash = operationHash(query);
    expect(codeOf((await postGraphQL(router, { query, extensions: persisted(hash) })).body)).toBe('FORBIDDEN');
    expect(codeOf((await postGraphQL(router, { extensions: persisted(hash) })).body)).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(bench.subgraph.calls).toHaveLength(0);
  });

  it('refuses an unregistered subscription over graphql-ws, which does not pass through Apollo Server', async () => {
    const client = createClient({ url: router.url.replace('http://', 'ws://'), retryAttempts: 0 });
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription { notificationAdded { id } }' },
        { next: () => {}, error: resolve, complete: () => resolve([]) },
      );
    });
    await client.dispose();
    expect(errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })]);
  });
});
