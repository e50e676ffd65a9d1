import type { ApolloServerPlugin } from '@apollo/server';
import { createMemoryCache, type Cache } from '@sbor/cache';
import type { Logger, ServiceMetrics } from '@sbor/core';
import type { Bus, Subscription } from '@sbor/messaging';
import type { RouterContext } from '../context.js';
import { createResponseFastPath, type ResponseFastPath } from './fast-path.js';
import { cacheHintsOf, type CacheHints } from './hints.js';
import { invalidateOnFacts } from './invalidation.js';
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
  /** Joins the facts in the background, once the router is about to serve. */
  start(): void;
  stop(): Promise<void>;
}

export function createResponseCache(
  supergraphSdl: string,
  infra: ResponseCacheInfra,
  { logger, metrics }: { logger: Logger; metrics: ServiceMetrics },
): ResponseCache {
  const cache = infra.cache ?? createMemoryCache();
  const store = createResponseStore(cache, logger);
  let subscription: Promise<Subscription | undefined> | undefined;
  return {
    ...responseCacheOver(store, cacheHintsOf(supergraphSdl), metrics),
    // Not awaited by the router's start: joining a Kafka group takes seconds, and answers are fresh
    // by their max-age alone; facts only end them sooner.
    start: () => {
      if (!infra.facts) return;
      subscription = invalidateOnFacts(infra.facts, store, logger).catch((err: unknown) => {
        logger.warn({ err }, 'response cache: cannot hear facts; cached answers live their max-age');
        return undefined;
      });
    },
    stop: async () => {
      await (await subscription)?.stop();
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
