import { EventEmitter } from 'node:events';
import type { Cache } from './cache.js';

interface Entry {
  value: string;
  expiresAt: number | undefined;
}

/** Writes between two sweeps of expired keys: the sweep's cost, spread over the writes, stays constant. */
export const SWEEP_EVERY = 1024;

/** Embedded mode: one process, so a Map and an EventEmitter give the same behaviour as Redis. */
export function createMemoryCache(now: () => number = Date.now): Cache & { size(): number } {
  const entries = new Map<string, Entry>();
  const channels = new EventEmitter();
  channels.setMaxListeners(0);

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  // Keys that are never read again (a login throttle of a client that never comes back) would
  // stay forever; every SWEEP_EVERY writes drop the expired ones, so memory follows live keys.
  let writes = 0;
  const wrote = () => {
    if (++writes % SWEEP_EVERY !== 0) return;
    const at = now();
    for (const [key, entry] of entries) if (entry.expiresAt !== undefined && entry.expiresAt <= at) entries.delete(key);
  };

  return {
    get: async (key) => live(key)?.value ?? null,
    set: async (key, value, ttlSeconds) => {
      entries.set(key, { value, expiresAt: ttlSeconds ? now() + ttlSeconds * 1000 : undefined });
      wrote();
    },
    del: async (...keys) => {
      for (const key of keys) entries.delete(key);
    },
    hit: async (key, windowSeconds) => {
      wrote();
      const entry = live(key);
      if (!entry) {
        entries.set(key, { value: '1', expiresAt: now() + windowSeconds * 1000 });
        return { count: 1, ttlSeconds: windowSeconds };
      }
      entry.value = String(Number(entry.value) + 1);
      const ttl = entry.expiresAt === undefined ? windowSeconds : Math.ceil((entry.expiresAt - now()) / 1000);
      return { count: Number(entry.value), ttlSeconds: ttl };
    },
    publish: async (channel, message) => {
      // Deliver on a later tick, as Redis would, so publishers never run subscriber code inline.
      setImmediate(() => channels.emit(channel, message));
    },
    subscribe: async (channel, onMessage) => {
      channels.on(channel, onMessage);
      return async () => {
        channels.off(channel, onMessage);
      };
    },
    ping: async () => true,
    size: () => entries.size,
    close: async () => {
      channels.removeAllListeners();
      entries.clear();
    },
  };
}
