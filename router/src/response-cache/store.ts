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
 * any invalidating fact replaces: every replica then misses. A failing cache is a miss, never a
 * failed request.
 *
 * Each replica keeps a local view of the generation, so a hit needs no read of the shared cache: its
 * own invalidation changes the view at once, and a view older than `GENERATION_REFRESH_MS` is not
 * used before it is read again from the shared cache, so another replica's invalidation reaches
 * this one that soon even if this replica's own fact is late. A busy replica reads it ahead, in the
 * background, so its hits never wait for that read.
 */
export interface ResponseStore {
  /** The current generation, read again first if the local view is too old; undefined when the cache cannot be read (then nothing is cached). */
  generation(): Promise<string | undefined>;
  /**
   * The local view without waiting, for the fast path; starts a read in the background when it is
   * half way to too old. Undefined when the cache could not be read or the view is too old (after a
   * quiet spell): the request then takes the slow path, which waits for the read.
   */
  currentGeneration(): string | undefined;
  /** Starts a new generation: every answer cached so far is unreachable, on this replica at once. */
  invalidate(): Promise<void>;
  get(key: string): Promise<StoredResponse | undefined>;
  set(key: string, value: StoredResponse): Promise<void>;
}

const GENERATION_KEY = 'response-cache:generation';
/** The oldest local view of the generation that is used: the most another replica's invalidation lags here. */
export const GENERATION_REFRESH_MS = 100;
/** When a busy replica reads the generation again in the background, so the view is new before it is too old. */
const READ_AHEAD_MS = GENERATION_REFRESH_MS / 2;

/** The cache key of one operation: its text, variables and name, under the current generation. */
export function responseKey(generation: string, source: string, variables: unknown, operationName: string | undefined): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([source, variables ?? null, operationName ?? null]))
    .digest('base64url');
  return `response-cache:${generation}:${hash}`;
}

/** {@link responseKey}, or undefined for variables too deep to hash: such a read is simply not cached (Apollo Server refuses it or runs it). */
export function responseKeyOrNone(
  generation: string,
  source: string,
  variables: unknown,
  operationName: string | undefined,
): string | undefined {
  try {
    return responseKey(generation, source, variables, operationName);
  } catch {
    return undefined;
  }
}

export function createResponseStore(cache: Cache, logger: Logger): ResponseStore {
  const failed = (what: string) => (err: unknown) => {
    logger.warn({ err }, `response cache: ${what} failed`);
    return undefined;
  };
  const generation = localGeneration(cache, failed);
  return {
    ...generation,
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

type Failed = (what: string) => (err: unknown) => undefined;

function localGeneration(cache: Cache, failed: Failed): Pick<ResponseStore, 'generation' | 'currentGeneration' | 'invalidate'> {
  let view: string | undefined;
  let readAt = Number.NEGATIVE_INFINITY;
  // Counts own invalidations, so a read that started before one cannot bring back what it replaced.
  let invalidations = 0;
  let lastWrite: Promise<unknown> = Promise.resolve();
  let reading: Promise<void> | undefined;

  const read = () =>
    (reading ??= (async () => {
      const before = invalidations;
      await lastWrite; // an own invalidation lands first, or the read would return the old generation
      let value: string | undefined;
      try {
        // Never set yet reads as its own generation; the first fact replaces it.
        value = (await cache.get(GENERATION_KEY)) ?? 'initial';
      } catch (err) {
        value = failed('reading the generation')(err);
      }
      if (before !== invalidations) return;
      view = value;
      readAt = Date.now();
    })().finally(() => {
      reading = undefined;
    }));
  const age = () => Date.now() - readAt;

  return {
    generation: async () => {
      if (age() >= GENERATION_REFRESH_MS) await read();
      else if (age() >= READ_AHEAD_MS) void read();
      return view;
    },
    currentGeneration: () => {
      if (age() >= READ_AHEAD_MS) void read();
      return age() < GENERATION_REFRESH_MS ? view : undefined;
    },
    // A fresh random value, not a counter: it can never come back to a generation whose entries live.
    invalidate: async () => {
      const mine = ++invalidations;
      const next = randomUUID();
      view = next;
      readAt = Date.now();
      lastWrite = cache.set(GENERATION_KEY, next).then(
        () => true,
        (err: unknown) => failed('invalidating')(err) ?? false,
      );
      // Unshared, the new generation would be lost at the next read; until a read succeeds, serve nothing.
      if (!(await lastWrite) && mine === invalidations) view = undefined;
    },
  };
}
