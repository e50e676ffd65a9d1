import type { Logger } from '@sbor/core';
import type { Bus, Subscription } from '@sbor/messaging';
import { invalidateOnFacts } from './response-cache/invalidation.js';

/** Something that keeps public data and must drop it when a fact changes it. */
export interface Invalidatable {
  invalidate(): unknown;
}

/**
 * The facts that end cached public data (the response cache's answers, the entity cache's
 * entities), heard once per replica in one consumer group, from when the router is about to serve.
 * Not awaited by the router's start: joining a Kafka group takes seconds, and what is kept is fresh
 * by its max-age alone; facts only end it sooner.
 */
export function hearPublicFacts(facts: Bus | undefined, caches: readonly (Invalidatable | undefined)[], logger: Logger) {
  const listeners = caches.filter((cache): cache is Invalidatable => cache !== undefined);
  let subscription: Promise<Subscription | undefined> | undefined;
  return {
    start: () => {
      if (!facts || listeners.length === 0) return;
      const everyCache = { invalidate: () => Promise.all(listeners.map((cache) => cache.invalidate())) };
      subscription = invalidateOnFacts(facts, everyCache, logger).catch((err: unknown) => {
        logger.warn({ err }, 'router: cannot hear facts; cached public data lives its max-age');
        return undefined;
      });
    },
    stop: async () => {
      await (await subscription)?.stop();
    },
  };
}
