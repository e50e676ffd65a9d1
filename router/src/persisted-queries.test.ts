import { describe, expect, it } from 'vitest';
import { createMemoryCache, type Cache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { persistedQueryStore } from './persisted-queries.js';

const logger = createLogger('router-test', 'silent');

describe('persistedQueryStore', () => {
  it('keeps queries in the shared cache under the router’s namespace, with the TTL asked for', async () => {
    const cache = createMemoryCache();
    const store = persistedQueryStore(cache, logger);
    await store.set('apq:abc', '{ me { id } }', { ttl: 60 });
    expect(await store.get('apq:abc')).toBe('{ me { id } }');
    expect(await cache.get('router:apq:abc')).toBe('{ me { id } }');
    expect(await store.get('apq:unknown')).toBeUndefined();
  });

  it('reads a failing Redis as a miss and drops the write, so the request still runs', async () => {
    const down = new Error('Redis is down');
    const failing = { get: () => Promise.reject(down), set: () => Promise.reject(down) } as unknown as Cache;
    const store = persistedQueryStore(failing, logger);
    await expect(store.get('apq:abc')).resolves.toBeUndefined();
    await expect(store.set('apq:abc', '{ me { id } }')).resolves.toBeUndefined();
  });
});
