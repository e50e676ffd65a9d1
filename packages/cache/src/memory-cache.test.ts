import { describe, expect, it } from 'vitest';
import { createMemoryCache, SWEEP_EVERY } from './memory-cache.js';
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

  it('does not keep expired keys that are never read again (issue 16: bounded memory)', async () => {
    let clock = 0;
    const cache = createMemoryCache(() => clock);
    // A login throttle per client address, for clients that never come back.
    for (let i = 0; i < 20 * SWEEP_EVERY; i++) {
      await cache.hit(`throttle:${i}`, 60);
      clock += 10;
    }
    expect(cache.size()).toBeLessThanOrEqual(60_000 / 10 + SWEEP_EVERY);
    await cache.set('kept', 'yes');
    for (let i = 0; i < SWEEP_EVERY; i++) await cache.set(`later:${i}`, 'x', 1);
    clock += 3_600_000;
    for (let i = 0; i < SWEEP_EVERY; i++) await cache.set(`latest:${i}`, 'x', 1);
    expect(cache.size()).toBeLessThanOrEqual(SWEEP_EVERY + 1);
    expect(await cache.get('kept')).toBe('yes');
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
