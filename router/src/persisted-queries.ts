import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { GraphQLError } from 'graphql';
import { connectRedisCache, type Cache } from '@sbor/cache';
import type { Logger } from '@sbor/core';
import { loadSafelist, safelistPlugin, safelistRefusal, safelistStore } from './safelist.js';

/** Apollo Server prefixes its own keys (`apq:`); this keeps the router's apart from the services'. */
const NAMESPACE = 'router:';

/**
 * Apollo Server's persisted-query store over our Redis cache, so a query registered through one
 * router replica is a hit on every other. A Redis that fails reads as a miss: the client then sends
 * the full query again (PERSISTED_QUERY_NOT_FOUND), which costs a round trip, never the request.
 */
export function persistedQueryStore(cache: Cache, logger: Logger): KeyValueCache<string> {
  return {
    async get(key) {
      try {
        return (await cache.get(NAMESPACE + key)) ?? undefined;
      } catch (err) {
        logger.warn({ err }, 'persisted query lookup failed; treated as a miss');
        return undefined;
      }
    },
    async set(key, value, options) {
      try {
        await cache.set(NAMESPACE + key, value, options?.ttl ?? undefined);
      } catch (err) {
        logger.warn({ err }, 'persisted query not stored');
      }
    },
    async delete(key) {
      await cache.del(NAMESPACE + key);
    },
  };
}

export interface PersistedQueryOptions {
  /** Full mode: the Redis replicas share; unset keeps registered queries in this process. */
  redis: { url: string; prefix: string } | undefined;
  ttlSeconds: number;
}

export interface PersistedQueries {
  /** Apollo Server's `persistedQueries` option. */
  config: { cache: KeyValueCache<string>; ttl: number | null } | undefined;
  plugins: ApolloServerPlugin[];
  /** Safelist mode: the refusal for an operation text that is not registered. */
  refuse?: (query: string) => GraphQLError | undefined;
  close: () => Promise<void>;
}

/**
 * Automatic persisted queries as the mode asks: with a safelist, only its operations, read-only;
 * otherwise clients register their own, in Redis when there is one, else in Apollo Server's
 * bounded in-memory cache.
 */
export async function setUpPersistedQueries(
  options: PersistedQueryOptions & { safelistPath: string | undefined; sharedCache?: Cache | undefined },
  logger: Logger,
): Promise<PersistedQueries> {
  if (options.safelistPath) {
    const safelist = await loadSafelist(options.safelistPath);
    logger.info({ operations: safelist.size }, 'safelist mode: only registered operations run');
    return {
      config: { cache: safelistStore(safelist), ttl: null },
      plugins: [safelistPlugin(safelist)],
      refuse: safelistRefusal(safelist),
      close: async () => {},
    };
  }
  // The platform's cache is the platform's to close.
  if (options.sharedCache) {
    return {
      config: { cache: persistedQueryStore(options.sharedCache, logger), ttl: options.ttlSeconds },
      plugins: [],
      close: async () => {},
    };
  }
  if (!options.redis) return { config: undefined, plugins: [], close: async () => {} };
  const cache = await connectRedisCache(options.redis.url, {
    keyPrefix: options.redis.prefix,
    onError: (err) => logger.warn({ err }, 'redis error'),
  });
  return { config: { cache: persistedQueryStore(cache, logger), ttl: options.ttlSeconds }, plugins: [], close: () => cache.close() };
}
