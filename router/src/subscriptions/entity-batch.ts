import type { GatewayGraphQLResponse } from '../subgraph-dedupe.js';

type ResponseError = NonNullable<GatewayGraphQLResponse['errors']>[number];

/** Where each request's representations sit in a merged `_entities` request. */
export interface MergedRepresentations {
  representations: unknown[];
  /** `[offset, length]` per request, in the order given. */
  slices: [number, number][];
}

/** One `_entities` request out of several: their representations end to end. */
export function mergeRepresentations(requests: readonly (readonly unknown[])[]): MergedRepresentations {
  const representations: unknown[] = [];
  const slices: [number, number][] = [];
  for (const request of requests) {
    slices.push([representations.length, request.length]);
    representations.push(...request);
  }
  return { representations, slices };
}

const entitiesOf = (response: GatewayGraphQLResponse): unknown[] | undefined => {
  const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
  return Array.isArray(entities) ? entities : undefined;
};

const entityIndexOf = (error: ResponseError): number | undefined =>
  error.path?.[0] === '_entities' && typeof error.path[1] === 'number' ? error.path[1] : undefined;

/**
 * The merged answer cut back into one answer per request: each gets its own slice of `_entities`,
 * the errors about its entities with their index made its own, and errors about no entity in
 * particular. An answer without `_entities` (the whole request failed) goes to every request as it is.
 */
export function splitEntities(response: GatewayGraphQLResponse, slices: readonly [number, number][]): GatewayGraphQLResponse[] {
  const entities = entitiesOf(response);
  const { http: _http, ...body } = response;
  if (!entities) return slices.map(() => ({ ...body }));
  return slices.map(([offset, length]) => {
    const errors = (response.errors ?? []).flatMap((error) => {
      const index = entityIndexOf(error);
      if (index === undefined) return [error];
      if (index < offset || index >= offset + length) return [];
      return [{ ...error, path: ['_entities', index - offset, ...error.path!.slice(2)] }];
    });
    return {
      ...body,
      data: { ...response.data, _entities: entities.slice(offset, offset + length) },
      ...(errors.length > 0 ? { errors } : { errors: undefined }),
    };
  });
}

/** Indices of entities that came back null or with an error: those the router could not read for everyone. */
export function unresolvedEntities(response: GatewayGraphQLResponse, count: number): number[] {
  const entities = entitiesOf(response);
  if (!entities) return Array.from({ length: count }, (_, i) => i);
  const unresolved = new Set<number>();
  entities.forEach((entity, index) => {
    if (entity === null || entity === undefined) unresolved.add(index);
  });
  for (const error of response.errors ?? []) {
    const index = entityIndexOf(error);
    if (index !== undefined) unresolved.add(index);
  }
  return [...unresolved].sort((a, b) => a - b);
}

/** `response` with the entities at `indices` (and their errors) replaced by `retried`'s, in that order. */
export function patchEntities(
  response: GatewayGraphQLResponse,
  indices: readonly number[],
  retried: GatewayGraphQLResponse,
): GatewayGraphQLResponse {
  const entities = entitiesOf(response);
  if (!entities || indices.length === entities.length) return retried;
  const again = entitiesOf(retried);
  const patched = [...entities];
  indices.forEach((index, j) => {
    patched[index] = again?.[j] ?? null;
  });
  const replaced = new Set(indices);
  const kept = (response.errors ?? []).filter((error) => !replaced.has(entityIndexOf(error) ?? -1));
  const moved = (retried.errors ?? []).map((error) => {
    const j = entityIndexOf(error);
    // An error about no entity in particular concerns all of the retried ones: put it on the first.
    const index = j === undefined ? indices[0]! : indices[j]!;
    return { ...error, path: ['_entities', index, ...(j === undefined ? [] : error.path!.slice(2))] };
  });
  const errors = [...kept, ...moved];
  return { ...response, data: { ...response.data, _entities: patched }, ...(errors.length > 0 ? { errors } : { errors: undefined }) };
}

interface Pending {
  representations: readonly unknown[];
  resolve: (response: GatewayGraphQLResponse) => void;
  reject: (error: unknown) => void;
}

/** Sends one merged request; given by the first request of a batch, which all of it shares. */
export type SendMerged = (representations: unknown[]) => Promise<GatewayGraphQLResponse>;

/**
 * Entity fetches that arrive in the same turn of the event loop, for the same key (subgraph,
 * operation, variables and identity), go out as one `_entities` request. Items fanned out to many
 * subscribers at once (an event cancelled, a sale opened) each ask for the same few entities: the
 * subgraph answers once per burst. The batch flushes on `setImmediate`, after every item that
 * arrived in this turn has reached its fetch; nobody waits for a later turn.
 */
export class EntityBatcher {
  private batches = new Map<string, { send: SendMerged; pending: Pending[] }>();
  private scheduled = false;

  /** Requests sent so far, one per merged batch. */
  sent = 0;

  constructor(
    private readonly onSend: () => void = () => {},
    private readonly schedule: (flush: () => void) => void = (flush) => void setImmediate(flush),
  ) {}

  load(key: string, representations: readonly unknown[], send: SendMerged): Promise<GatewayGraphQLResponse> {
    return new Promise((resolve, reject) => {
      let batch = this.batches.get(key);
      if (!batch) {
        batch = { send, pending: [] };
        this.batches.set(key, batch);
      }
      batch.pending.push({ representations, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batches = this.batches;
    this.batches = new Map();
    this.scheduled = false;
    for (const { send, pending } of batches.values()) {
      const merged = mergeRepresentations(pending.map((p) => p.representations));
      this.sent += 1;
      this.onSend();
      send(merged.representations).then(
        (response) => splitEntities(response, merged.slices).forEach((part, i) => pending[i]!.resolve(part)),
        (error: unknown) => {
          for (const p of pending) p.reject(error);
        },
      );
    }
  }
}
