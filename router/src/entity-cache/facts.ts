import type { Logger } from '@sbor/core';
import type { Bus, Subscription } from '@sbor/messaging';
import { invalidateOnFacts } from '../response-cache/invalidation.js';
import type { EntityCache } from './entity-cache.js';

/**
 * The entity cache hears the same facts as the response cache, in its own consumer group, from
 * when the router is about to serve. Without facts (a router alone) entries live their `maxAge`.
 */
export function hearFactsFor(cache: EntityCache | undefined, facts: Bus | undefined, logger: Logger) {
  let subscription: Promise<Subscription | undefined> | undefined;
  return {
    start: () => {
      if (!cache || !facts) return;
      subscription = invalidateOnFacts(facts, cache, logger).catch((err: unknown) => {
        logger.warn({ err }, 'entity cache: cannot hear facts; kept entities live their max-age');
        return undefined;
      });
    },
    stop: async () => {
      await (await subscription)?.stop();
    },
  };
}
