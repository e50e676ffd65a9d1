import type { ApolloServerPlugin } from '@apollo/server';
import { createMemoryCache, type Cache } from '@sbor/cache';
import type { Logger, ServiceMetrics } from '@sbor/core';
import type { Bus } from '@sbor/messaging';
import type { RouterContext } from '../context.js';
import { createResponseFastPath, type ResponseFastPath } from './fast-path.js';
import { cacheHintsOf, type CacheHints } from './hints.js';
import { createResponseMemo } from './memo.js';
import { responseCachePlugin } from './plugin.js';
import { createResponseStore, type ResponseStore } from './store.js';

export interface ResponseCacheInfra {
  /** Shared by every replica (Redis in full mode); a router alone gets its own memory cache. */
  cache?: Cache;
  /** Facts that end cached answers early; without it, answers live their max-age (at most 1 s for stock and listings). */
  facts?: Bus;
}

export interface ResponseCache {
  plugin: ApolloServerPlugin<RouterContext>;
  /** Answers repeat anonymous reads before Apollo Server; `graphqlRoute` calls it first. */
  fastPath: ResponseFastPath;
  /** Ends every cached answer, on every replica (a fact changed public data). */
  invalidate(): Promise<void>;
  stop(): Promise<void>;
}

export function createResponseCache(
  supergraphSdl: string,
  infra: ResponseCacheInfra,
  { logger, metrics }: { logger: Logger; metrics: ServiceMetrics },
): ResponseCache {
  const cache = infra.cache ?? createMemoryCache();
  const store = createResponseStore(cache, logger);
  return {
    ...responseCacheOver(store, cacheHintsOf(supergraphSdl), metrics),
    invalidate: () => store.invalidate(),
    stop: async () => {
      if (!infra.cache) await cache.close();
    },
  };
}

/** The two ways in front of one store: Apollo's plugin (fills the memo) and the fast path (reads it). */
export function responseCacheOver(
  store: ResponseStore,
  hints: CacheHints,
  metrics: ServiceMetrics,
): Pick<ResponseCache, 'plugin' | 'fastPath'> {
  const memo = createResponseMemo(() => store.currentGeneration());
  return { plugin: responseCachePlugin({ store, hints, metrics, memo }), fastPath: createResponseFastPath({ store, memo, metrics }) };
}
