import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { createMemoryBus, Topics } from '@sbor/messaging';
import { invalidateOnFacts } from './invalidation.js';
import { createResponseStore, responseKey } from './store.js';

const logger = createLogger('router', 'silent');
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
};

describe('invalidateOnFacts (facts end cached answers on every replica)', () => {
  let bus: ReturnType<typeof createMemoryBus>;
  beforeEach(() => {
    bus = createMemoryBus({ logger });
  });
  afterEach(() => bus.close());

  it('starts a new generation, shared by all replicas, when an event is cancelled or stock moves', async () => {
    const cache = createMemoryCache();
    const replicas = [createResponseStore(cache, logger), createResponseStore(cache, logger)];
    await Promise.all(replicas.map((store) => invalidateOnFacts(bus, store, logger)));
    for (const topic of [Topics.eventCancelled, Topics.orderReserved]) {
      const before = await replicas[0]!.generation();
      await bus.publish([{ topic, key: 'e1', value: '{}' }]);
      await until(async () => (await replicas[1]!.generation()) !== before);
      const after = await replicas[1]!.generation();
      expect(after).not.toBe(before);
      expect(responseKey(after!, '{ events { edges { cursor } } }', {}, undefined)).not.toBe(
        responseKey(before!, '{ events { edges { cursor } } }', {}, undefined),
      );
    }
  });

  it('leaves the generation alone for facts that change nothing public', async () => {
    const store = createResponseStore(createMemoryCache(), logger);
    await invalidateOnFacts(bus, store, logger);
    await bus.publish([{ topic: Topics.userRegistered, key: 'u1', value: '{}' }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.generation()).toBe('initial');
  });
});

describe('createResponseStore', () => {
  it('treats a cache that fails as a miss and as no generation, never as an error', async () => {
    const broken = createMemoryCache();
    broken.get = () => Promise.reject(new Error('redis down'));
    broken.set = () => Promise.reject(new Error('redis down'));
    const store = createResponseStore(broken, logger);
    expect(await store.generation()).toBeUndefined();
    expect(await store.get('k')).toBeUndefined();
    await expect(store.set('k', { expiresAt: Date.now() + 1000, result: {} })).resolves.toBeUndefined();
    await expect(store.invalidate()).resolves.toBeUndefined();
  });
});
