import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { ServiceMetrics } from '@sbor/core';
import type { RouterContext } from '../context.js';
import type { CacheHints } from './hints.js';
import type { ResponseMemo } from './memo.js';
import { sharedMaxAgeOf } from './policy.js';
import { responseKeyOrNone, type ResponseStore } from './store.js';

export interface ResponseCacheOptions {
  store: ResponseStore;
  hints: CacheHints;
  metrics: ServiceMetrics;
  /** Where shareable answers are kept ready for the fast path (`fast-path.ts`). */
  memo: ResponseMemo;
}

/** Operations by what the response cache did; the fast path counts its hits here too. */
export const cacheOutcomes = (metrics: ServiceMetrics) =>
  metrics.counter({
    name: 'sbor_router_response_cache_total',
    help: 'Operations by what the response cache did: hit, miss (stored) or skip (not shareable).',
    labelNames: ['result'],
  });

/** The bytes Apollo Server writes for a result (its default `stringifyResult`), so the fast path answers the same. */
const serialized = (result: Record<string, unknown>) => `${JSON.stringify(result)}\n`;

/** Documents whose decision is remembered; past this they start over (a flood of one-off documents). */
const MAX_DECISIONS = 5_000;

/**
 * Serves anonymous queries whose every field is public from the shared cache, and stores their
 * error-free answers, also in this process's memo, ready for the fast path in front of Apollo Server.
 * Signed-in requests never read or write either, and every answer that was not shared says
 * `no-store`, so no proxy or browser keeps a private answer either.
 *
 * Freshness is by construction: an entry is fresh until `maxAge` after its request started (before
 * any subgraph was read), so it is never older than its shortest hint, facts or not.
 */
export function responseCachePlugin({ store, hints, metrics, memo }: ResponseCacheOptions): ApolloServerPlugin<RouterContext> {
  const decisions = new Map<string, number | undefined>();
  const outcomes = cacheOutcomes(metrics);
  return {
    async requestDidStart({ contextValue, request }) {
      let entry: { generation: string; key: string; maxAge: number; startedAt: number } | undefined;
      let served: number | undefined;
      const anonymous = contextValue.viewer === null && !contextValue.authorization && !request.http?.headers.get('authorization');
      return {
        async didResolveOperation({ document, schema, queryHash, source, request: { variables, operationName } }) {
          if (!anonymous) return;
          if (!decisions.has(queryHash)) {
            if (decisions.size >= MAX_DECISIONS) decisions.clear();
            decisions.set(queryHash, sharedMaxAgeOf(document, schema, hints));
          }
          const maxAge = decisions.get(queryHash);
          if (maxAge === undefined) return;
          const startedAt = Date.now();
          const generation = await store.generation();
          if (generation === undefined) return;
          const key = responseKeyOrNone(generation, source, variables, operationName);
          if (key === undefined) return;
          entry = { generation, key, maxAge, startedAt };
        },
        async responseForOperation() {
          if (!entry) return null;
          const stored = await store.get(entry.key);
          if (!stored || stored.expiresAt <= Date.now()) return null;
          served = stored.expiresAt;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: stored.result } };
        },
        async willSendResponse({ response, operationName }) {
          const { body, http } = response;
          const shareable = entry && body.kind === 'single' && !body.singleResult.errors && (http.status ?? 200) === 200;
          if (!entry || !shareable) {
            http.headers.set('cache-control', 'no-store');
            outcomes.inc({ result: 'skip' });
            return;
          }
          // What Apollo Server accepted once (safelist, limits, validation) it accepts again: the same
          // text, variables and name find this answer in the memo, which skips those checks.
          const { generation, key } = entry;
          const ready = (expiresAt: number, result: Record<string, unknown>) =>
            memo.remember(generation, key, { body: serialized(result), expiresAt, operationName: operationName ?? undefined });
          if (served !== undefined) {
            outcomes.inc({ result: 'hit' });
            ready(served, { data: body.singleResult.data });
            http.headers.set('cache-control', `public, max-age=${Math.floor((served - Date.now()) / 1000)}`);
            return;
          }
          outcomes.inc({ result: 'miss' });
          const expiresAt = entry.startedAt + entry.maxAge * 1000;
          const result = { data: body.singleResult.data };
          await store.set(entry.key, { expiresAt, result });
          ready(expiresAt, result);
          http.headers.set('cache-control', `public, max-age=${entry.maxAge}`);
        },
      };
    },
  };
}
