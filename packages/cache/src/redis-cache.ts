import { Redis } from 'ioredis';
import type { Cache } from './cache.js';

type Handler = (message: string) => void;

/**
 * Full mode. Commands fail fast while Redis is down (no offline queue), so callers can fall back
 * to PostgreSQL instead of hanging; the subscriber connection reconnects and resubscribes itself.
 */
export interface RedisCacheOptions {
  /** Namespaces every key and pub/sub channel, so several deployments (or test runs) can share one Redis. */
  keyPrefix?: string;
  onError?: (error: Error) => void;
}

export async function connectRedisCache(url: string, { keyPrefix = 'sbor:', onError = () => {} }: RedisCacheOptions = {}): Promise<Cache> {
  const options = {
    keyPrefix,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
    lazyConnect: false,
  };
  // Commands issued in one tick go out in one write: a consumer publishing a batch of live
  // notifications (or deleting many cache keys) costs one socket write, not one per command.
  const commands = new Redis(url, { ...options, enableAutoPipelining: true });
  // The subscriber keeps an offline queue so SUBSCRIBE issued while reconnecting is not lost.
  const subscriber = new Redis(url, { ...options, enableOfflineQueue: true, maxRetriesPerRequest: null });
  commands.on('error', onError);
  subscriber.on('error', onError);
  await waitUntilReady(commands, url);
  const handlers = new Map<string, Set<Handler>>();
  subscriber.on('message', (prefixed: string, message: string) => {
    for (const handler of handlers.get(prefixed.slice(keyPrefix.length)) ?? []) handler(message);
  });

  return {
    get: (key) => commands.get(key),
    set: async (key, value, ttlSeconds) => {
      if (ttlSeconds) await commands.set(key, value, 'EX', ttlSeconds);
      else await commands.set(key, value);
    },
    del: async (...keys) => {
      if (keys.length > 0) await commands.del(...keys);
    },
    hit: async (key, windowSeconds) => {
      const replies = await commands.multi().incr(key).expire(key, windowSeconds, 'NX').ttl(key).exec();
      const count = Number(replies?.[0]?.[1] ?? 0);
      const ttl = Number(replies?.[2]?.[1] ?? windowSeconds);
      return { count, ttlSeconds: ttl > 0 ? ttl : windowSeconds };
    },
    publish: async (channel, message) => {
      // ioredis prefixes keys only; channels get the same prefix here, so deployments do not hear each other.
      await commands.publish(keyPrefix + channel, message);
    },
    subscribe: async (channel, onMessage) => {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await subscriber.subscribe(keyPrefix + channel);
      }
      set.add(onMessage);
      return async () => {
        const current = handlers.get(channel);
        current?.delete(onMessage);
        if (current && current.size === 0) {
          handlers.delete(channel);
          await subscriber.unsubscribe(keyPrefix + channel).catch(() => {});
        }
      };
    },
    ping: async () => (await commands.ping()) === 'PONG',
    close: async () => {
      commands.disconnect();
      subscriber.disconnect();
    },
  };
}

async function waitUntilReady(client: Redis, url: string, timeoutMs = 5_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.disconnect();
      reject(new Error(`Redis at ${url} did not answer within ${timeoutMs} ms. Start it (see README.md, "Full mode") or unset REDIS_URL.`));
    }, timeoutMs);
    client.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
