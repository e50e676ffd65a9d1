import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { createResponseStore, GENERATION_REFRESH_MS } from './store.js';

const logger = createLogger('router', 'silent');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ResponseStore generation (the local view every hit is checked against)', () => {
  it('changes on this replica the moment its own fact invalidates, with no read of the shared cache', async () => {
    const cache = createMemoryCache();
    const store = createResponseStore(cache, logger);
    const before = await store.generation();
    const read = cache.get;
    cache.get = () => new Promise(() => {}); // a read that never returns would hold any await
    const invalidated = store.invalidate();
    const after = store.currentGeneration();
    cache.get = read;
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    await invalidated;
    expect(await store.generation()).toBe(after);
  });

  it("sees another replica's invalidation within the refresh interval, even without its own fact", async () => {
    const cache = createMemoryCache();
    const [here, there] = [createResponseStore(cache, logger), createResponseStore(cache, logger)];
    const before = await here.generation();
    await there.invalidate();
    const invalidatedAt = Date.now();
    const until = Date.now() + 2 * GENERATION_REFRESH_MS;
    while (Date.now() < until) {
      const view = here.currentGeneration();
      if (view === before) expect(Date.now() - invalidatedAt).toBeLessThan(GENERATION_REFRESH_MS);
      await sleep(5);
    }
    expect(here.currentGeneration()).toBe(await there.generation());
  });

  it('serves nothing from a view gone stale in a quiet spell until it is read again', async () => {
    const store = createResponseStore(createMemoryCache(), logger);
    expect(store.currentGeneration()).toBeUndefined(); // never read yet
    await store.generation();
    expect(store.currentGeneration()).toBe('initial');
    await sleep(3 * GENERATION_REFRESH_MS);
    expect(store.currentGeneration()).toBeUndefined();
    expect(await store.generation()).toBe('initial');
  });

  it('has no generation while the shared cache cannot be read, so nothing is served from it', async () => {
    const cache = createMemoryCache();
    const store = createResponseStore(cache, logger);
    expect(await store.generation()).toBe('initial');
    cache.get = () => Promise.reject(new Error('redis down'));
    // Past the refresh interval by a margin: a timer may fire a millisecond before Date.now() says so.
    await sleep(GENERATION_REFRESH_MS + 20);
    expect(await store.generation()).toBeUndefined();
    expect(store.currentGeneration()).toBeUndefined();
  });

  it('serves nothing after an invalidation the shared cache refused, rather than the answers it should end', async () => {
    const cache = createMemoryCache();
    const store = createResponseStore(cache, logger);
    await store.generation();
    cache.set = () => Promise.reject(new Error('redis down'));
    await expect(store.invalidate()).resolves.toBeUndefined();
    expect(store.currentGeneration()).toBeUndefined();
  });
});
