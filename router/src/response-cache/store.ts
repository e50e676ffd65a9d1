import { createHash, randomUUID } from 'node:crypto';
import type { Cache } from '@sbor/cache';
import type { Logger } from '@sbor/core';

/** What a cached answer holds: the result, and when it stops being fresh (ms since the epoch). */
export interface StoredResponse {
  expiresAt: number;
  result: Record<string, unknown>;
}

/**
 * Cached answers in the shared cache (Redis in full mode, memory embedded), under a generation that
 * any invalidating fact replaces: every replica then misses at once. A failing cache is a miss,
 * never a failed request.
 */
export interface ResponseStore {
  /** The current generation; undefined when the cache cannot be read (then nothing is cached). */
  generation(): Promise<string | undefined>;
  /** Starts a new generation: every answer cached so far is unreachable. */
  invalidate(): Promise<void>;
  get(key: string): Promise<StoredResponse | undefined>;
  set(key: string, value: StoredResponse): Promise<void>;
}

const GENERATION_KEY = 'response-cache:generation';

/** The cache key of one operation: its text, variables and name, under the current generation. */
export function responseKey(generation: string, source: string, variables: unknown, operationName: string | undefined): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([source, variables ?? null, operationName ?? null]))
    .digest('base64url');
  return `response-cache:${generation}:${hash}`;
}

export function createResponseStore(cache: Cache, logger: Logger): ResponseStore {
  const failed = (what: string) => (err: unknown) => {
    logger.warn({ err }, `response cache: ${what} failed`);
    return undefined;
  };
  return {
    generation: async () => {
      try {
        // Never set yet reads as its own generation; the first fact replaces it.
        return (await cache.get(GENERATION_KEY)) ?? 'initial';
      } catch (err) {
        return failed('reading the generation')(err);
      }
    },
    // A fresh random value, not a counter: it can never come back to a generation whose entries live.
    invalidate: () => cache.set(GENERATION_KEY, randomUUID()).catch(failed('invalidating')),
    get: async (key) => {
      try {
        const text = await cache.get(key);
        return text ? (JSON.parse(text) as StoredResponse) : undefined;
      } catch (err) {
        return failed('reading')(err);
      }
    },
    set: async (key, value) => {
      // The entry's own `expiresAt` is what counts; the TTL (whole seconds) only lets Redis drop it.
      const ttlSeconds = Math.max(1, Math.ceil((value.expiresAt - Date.now()) / 1000));
      await cache.set(key, JSON.stringify(value), ttlSeconds).catch(failed('storing'));
    },
  };
}
