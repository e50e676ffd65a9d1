import { describe, expect, it } from 'vitest';
import { createMemoryCache } from './memory-cache.js';
import { checkRateLimit } from './rate-limiter.js';

describe('createMemoryCache', () => {
  it('forgets a value once its TTL has passed', async () => {
    let now = 1_000;
    const cache = createMemoryCache(() => now);
    await cache.set('k', 'v', 10);
    expect(await cache.get('k')).toBe('v');
    now += 10_000;
    expect(await cache.get('k')).toBeNull();
  });

  it('delivers a published message to every subscriber of the channel and no other', async () => {
    const cache = createMemoryCache();
    const seen: string[] = [];
    await cache.subscribe('a', (m) => seen.push(`1:${m}`));
    const off = await cache.subscribe('a', (m) => seen.push(`2:${m}`));
    await cache.subscribe('b', (m) => seen.push(`b:${m}`));
    await cache.publish('a', 'x');
    await new Promise((r) => setImmediate(r));
    await off();
    await cache.publish('a', 'y');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['1:x', '2:x', '1:y']);
  });
});

describe('checkRateLimit', () => {
  it('allows up to the limit in a window, then answers how long to wait', async () => {
    let now = 0;
    const cache = createMemoryCache(() => now);
    const rule = { name: 'login', limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) expect(await checkRateLimit(cache, rule, 'a@x.io')).toEqual({ allowed: true });
    now += 15_000;
    expect(await checkRateLimit(cache, rule, 'a@x.io')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(await checkRateLimit(cache, rule, 'b@x.io')).toEqual({ allowed: true });
    now += 45_000;
    expect(await checkRateLimit(cache, rule, 'a@x.io')).toEqual({ allowed: true });
  });

  it('lets requests through when the cache fails, so an outage locks nobody out', async () => {
    const broken = { ...createMemoryCache(), hit: async () => Promise.reject(new Error('down')) };
    const errors: unknown[] = [];
    const result = await checkRateLimit(broken, { name: 'x', limit: 0, windowSeconds: 1 }, 's', (e) => errors.push(e));
    expect(result).toEqual({ allowed: true });
    expect(errors).toHaveLength(1);
  });
});
