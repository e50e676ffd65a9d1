import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunningRouter } from '../src/router.js';
import { postGraphQL, startRouterBench, type RouterBench } from './support/test-router.js';

let bench: RouterBench;
let router: RunningRouter;

beforeAll(async () => {
  bench = await startRouterBench();
  router = await bench.start({ ROUTER_DOCUMENT_CACHE_MB: '1', ROUTER_QUERY_PLAN_CACHE_MB: '1' });
});

afterAll(async () => {
  await bench?.stop();
});

/** What the router's caches stored, by kind: a document is stored once parsed and validated, a plan once planned. */
function storedKinds(spy: { mock: { calls: unknown[][] } }) {
  return spy.mock.calls.map(([, value]) => (value as { kind?: string }).kind);
}

describe('operation caches', () => {
  it('parses, validates and plans a document once, then serves a repeat from the caches', async () => {
    const set = vi.spyOn(InMemoryLRUCache.prototype, 'set');
    try {
      const query = 'query CachedMe { me { id displayName } }';
      expect((await postGraphQL(router, { query })).body).toEqual({ data: { me: null } });
      expect(storedKinds(set).sort()).toEqual(['Document', 'QueryPlan']);

      set.mockClear();
      const get = vi.spyOn(InMemoryLRUCache.prototype, 'get');
      expect((await postGraphQL(router, { query })).body).toEqual({ data: { me: null } });
      expect((await postGraphQL(router, { query })).body).toEqual({ data: { me: null } });
      // Nothing was parsed or planned again, and both repeats were answered from the caches.
      expect(set).not.toHaveBeenCalled();
      expect(get.mock.results.filter((r) => r.type === 'return').length).toBeGreaterThanOrEqual(4);
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('plans each operation of a document apart, so the cache never answers one with the other', async () => {
    const query = 'query A { me { id } } query B { me { displayName } }';
    expect((await postGraphQL(router, { query, operationName: 'A' })).body).toEqual({ data: { me: null } });
    expect((await postGraphQL(router, { query, operationName: 'B' })).body).toEqual({ data: { me: null } });
    expect(bench.subgraph.calls.slice(-2).map((c) => c.query)).toEqual([
      expect.stringContaining('id'),
      expect.stringContaining('displayName'),
    ]);
  });
});
