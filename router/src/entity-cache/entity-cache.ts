import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { ServiceMetrics } from '@sbor/core';
import type { CacheHints } from '../response-cache/hints.js';
import type { GatewayGraphQLResponse } from '../subgraph-dedupe.js';
import { entityFetchMaxAge } from './policy.js';

type Variables = Record<string, unknown>;
type ResponseError = NonNullable<GatewayGraphQLResponse['errors']>[number];

export interface EntityCacheOptions {
  hints: CacheHints;
  /** The API schema once the gateway has loaded it; nothing is cached before. */
  schema: () => GraphQLSchema | undefined;
  /** Entities kept at most; the oldest go first. */
  maxEntries: number;
  metrics: ServiceMetrics;
}

/** One entity fetch as the data source sees it. */
export interface EntityFetch {
  subgraph: string;
  query: string;
  document: DocumentNode | undefined;
  variables: Variables | undefined;
  /** Whose view this is ({@link viewerScope}); entries are never shared between scopes. */
  scope: string;
}

/** Fetch plans remembered by operation text; past this the memo starts over (one-off documents). */
const MAX_PLANS = 2_000;

/**
 * Who a cached entity belongs to. A field's PUBLIC hint says its value is the same for everyone
 * who may see it, but whether an entity is visible at all can depend on the caller (an organizer
 * sees a draft event, a ticket holder a cancelled one), so each signed-in user, and each role they
 * hold, has entries of their own; anonymous callers share theirs.
 */
export const viewerScope = (viewer: { userId: string; role: string } | null): string =>
  viewer ? `user:${viewer.userId}:${viewer.role}` : 'anonymous';

/**
 * Entities that subgraphs return for public fields, kept in this router's memory for the fields'
 * shortest `maxAge` (1 s for stock and events, 10 s for display names): a popular event page asks
 * the users and tickets subgraphs for its organizer and ticket types once per second, not once per
 * request. Only whole `_entities` fetches whose every field is PUBLIC are kept; root fields are
 * always read from their subgraph.
 *
 * Freshness: an entry is fresh until `maxAge` after its fetch started. A fact that changes public
 * data (the response cache's topics) or any mutation through this router ends every entry at once,
 * so a caller reads their own writes here; another replica's entries end by the same facts or by
 * their `maxAge`.
 */
export class EntityCache {
  private generation = 0;
  /** Never reused, even after the plan memo starts over: an id names one operation text in keys. */
  private nextPlanId = 0;
  private readonly entries = new Map<string, { expiresAt: number; json: string }>();
  private readonly plans = new Map<string, { id: number; maxAge: number | undefined }>();
  private readonly outcomes;

  constructor(private readonly options: EntityCacheOptions) {
    this.outcomes = options.metrics.counter({
      name: 'sbor_router_entity_cache_total',
      help: 'Entities asked of subgraphs by what the entity cache did: hit (kept) or miss (fetched).',
      labelNames: ['result'],
    });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Ends every cached entity: a fact changed public data, or a mutation went through this router. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /**
   * Answers what it keeps and sends only the rest, in the gateway's order; anything that is not a
   * cacheable entity fetch goes to `send` untouched.
   */
  async through(fetch: EntityFetch, send: (variables: Variables | undefined) => Promise<GatewayGraphQLResponse>) {
    const representations = fetch.variables?.representations;
    const plan = Array.isArray(representations) ? this.planOf(fetch) : undefined;
    if (!plan || plan.maxAge === undefined || !Array.isArray(representations)) return send(fetch.variables);

    const { representations: _all, ...rest } = fetch.variables!;
    const prefix = keyPrefix(fetch, plan.id, rest);
    if (prefix === undefined) return send(fetch.variables);
    const startedAt = Date.now();
    const generation = this.generation;
    const entities: unknown[] = new Array(representations.length);
    const missing: number[] = [];
    const keys: string[] = [];
    representations.forEach((representation, index) => {
      const key = prefix + JSON.stringify(representation);
      const entry = this.entries.get(key);
      // A fresh parse per answer: the gateway merges entities into its result in place.
      if (entry && entry.expiresAt > startedAt) entities[index] = JSON.parse(entry.json);
      else {
        missing.push(index);
        keys.push(key);
      }
    });
    const hits = representations.length - missing.length;
    if (hits > 0) this.outcomes.inc({ result: 'hit' }, hits);
    if (missing.length === 0) return { data: { _entities: entities } };
    this.outcomes.inc({ result: 'miss' }, missing.length);

    const response = await send(hits === 0 ? fetch.variables : { ...rest, representations: missing.map((i) => representations[i]) });
    const received = (response.data as { _entities?: unknown } | null | undefined)?._entities;
    // A malformed answer goes back as it is: the gateway reports the mismatch itself.
    if (!Array.isArray(received) || received.length !== missing.length) return response;
    // An answer with errors may be partial or about the caller: none of it is kept.
    if (!response.errors?.length && generation === this.generation) {
      received.forEach((entity, j) => {
        // Null is "not found (yet)": a new entity must show up on the next read.
        if (entity !== null && typeof entity === 'object') this.keep(keys[j]!, startedAt + plan.maxAge! * 1000, entity);
      });
    }
    if (hits === 0) return response;
    missing.forEach((index, j) => {
      entities[index] = received[j];
    });
    return {
      ...response,
      data: { ...response.data, _entities: entities },
      errors: response.errors && remapErrors(response.errors, missing),
    };
  }

  private keep(key: string, expiresAt: number, entity: object) {
    if (this.entries.size >= this.options.maxEntries && !this.entries.has(key)) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { expiresAt, json: JSON.stringify(entity) });
  }

  private planOf({ query, document }: EntityFetch) {
    let plan = this.plans.get(query);
    if (!plan) {
      const schema = this.options.schema();
      if (!schema) return undefined;
      if (this.plans.size >= MAX_PLANS) this.plans.clear();
      plan = { id: this.nextPlanId++, maxAge: safeMaxAge(document ?? query, schema, this.options.hints) };
      this.plans.set(query, plan);
    }
    return plan;
  }
}

/** Where a fetch's entries live; undefined when its other variables cannot be hashed (then it is not cached). */
function keyPrefix(fetch: EntityFetch, planId: number, rest: Variables): string | undefined {
  try {
    return `${fetch.subgraph}\n${fetch.scope}\n${planId}\n${JSON.stringify(rest)}\n`;
  } catch {
    return undefined;
  }
}

function safeMaxAge(document: DocumentNode | string, schema: GraphQLSchema, hints: CacheHints): number | undefined {
  try {
    return entityFetchMaxAge(typeof document === 'string' ? parse(document) : document, schema, hints);
  } catch {
    return undefined; // a fetch we cannot read is simply not cached
  }
}

/** An error at `_entities.<j>` of the smaller fetch belongs to the position that entity came from. */
function remapErrors(errors: readonly ResponseError[], missing: readonly number[]): ResponseError[] {
  return errors.map((error) => {
    const path = error.path;
    if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return error;
    return { ...error, path: ['_entities', missing[path[1]] ?? path[1], ...path.slice(2)] };
  });
}
