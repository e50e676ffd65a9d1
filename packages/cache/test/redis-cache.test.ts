import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedisCache } from '../src/redis-cache.js';
import { checkRateLimit } from '../src/rate-limiter.js';

const prefix = `test-${randomUUID()}:`;
const cache = await connectRedisCache(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });
afterAll(() => cache.close());

describe('createRedisCache (real Redis)', () => {
  it('stores, expires and deletes values', async () => {
    const key = `test:${randomUUID()}`;
    await cache.set(key, 'v', 1);
    expect(await cache.get(key)).toBe('v');
    await cache.del(key);
    expect(await cache.get(key)).toBeNull();
  });

  it('counts hits in one window across calls', async () => {
    const rule = { name: `test-${randomUUID()}`, limit: 2, windowSeconds: 30 };
    expect(await checkRateLimit(cache, rule, 's')).toEqual({ allowed: true });
    expect(await checkRateLimit(cache, rule, 's')).toEqual({ allowed: true });
    const third = await checkRateLimit(cache, rule, 's');
    expect(third.allowed).toBe(false);
  });

  it('fans a published message out to a subscriber on another connection of the same deployment', async () => {
    const other = await connectRedisCache(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: prefix });
    const channel = `test:${randomUUID()}`;
    const received = new Promise<string>((resolve) => {
      void other.subscribe(channel, resolve);
    });
    await new Promise((r) => setTimeout(r, 100));
    await cache.publish(channel, 'hello');
    expect(await received).toBe('hello');
    await other.close();
  });

  it('keeps deployments with different prefixes from hearing each other', async () => {
    const stranger = await connectRedisCache(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { keyPrefix: `other-${randomUUID()}:` });
    const channel = `test:${randomUUID()}`;
    const heard: string[] = [];
    await stranger.subscribe(channel, (m) => heard.push(m));
    await new Promise((r) => setTimeout(r, 100));
    await cache.publish(channel, 'not for you');
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual([]);
    await stranger.close();
  });
});
