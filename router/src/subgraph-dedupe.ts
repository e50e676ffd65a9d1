import type { RemoteGraphQLDataSource } from '@apollo/gateway';

/** What a subgraph fetch answers, as the gateway's data sources type it. */
export type GatewayGraphQLResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

type Variables = Record<string, unknown>;
type ResponseError = NonNullable<GatewayGraphQLResponse['errors']>[number];

/**
 * A subgraph fetch is a read when its operation is a query: Apollo gateway prints them as
 * `{…}` or `query(…){…}`. Mutations never share a fetch, however alike two of them look.
 */
export const isQueryOperation = (query: string): boolean => /^\s*(\{|query\b)/.test(query);

export interface RepresentationPlan {
  /** The variables to send: `representations` without repeats. */
  variables: Variables;
  /** Puts the subgraph's answer back in the order and length the gateway asked for. */
  expand: (response: GatewayGraphQLResponse) => GatewayGraphQLResponse;
}

/**
 * Apollo gateway sends one representation per entity in the result, so twenty events by one
 * organizer ask the users subgraph for the same `User` twenty times. Send each distinct
 * representation once and fan the answer (and any error about it) back out to every position.
 * Returns undefined when there is nothing to collapse.
 */
export function collapseRepresentations(variables: Variables | undefined): RepresentationPlan | undefined {
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return undefined;
  const indexByKey = new Map<string, number>();
  const unique: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let index = indexByKey.get(key);
    if (index === undefined) {
      index = unique.length;
      indexByKey.set(key, index);
      unique.push(representation);
    }
    return index;
  });
  if (unique.length === representations.length) return undefined;

  return {
    variables: { ...variables, representations: unique },
    expand: (response) => {
      const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
      // A malformed answer is left as it is: the gateway reports the length mismatch itself.
      if (!Array.isArray(entities) || entities.length !== unique.length) return response;
      const seen = new Set<number>();
      // The gateway merges entities into its result in place, so repeats must be separate objects.
      const expanded = positions.map((index) => {
        const entity: unknown = entities[index];
        if (!seen.has(index)) {
          seen.add(index);
          return entity;
        }
        return entity === null || typeof entity !== 'object' ? entity : structuredClone(entity);
      });
      return {
        ...response,
        data: { ...response.data, _entities: expanded },
        errors: response.errors && expandErrors(response.errors, positions),
      };
    },
  };
}

/** An error at `_entities.<unique>` belongs to every position that asked for that representation. */
function expandErrors(errors: readonly ResponseError[], positions: readonly number[]): ResponseError[] {
  return errors.flatMap((error) => {
    const path = error.path;
    if (!path || path[0] !== '_entities' || typeof path[1] !== 'number') return [error];
    const unique = path[1];
    return positions.flatMap((index, position) =>
      index === unique ? [{ ...error, path: ['_entities', position, ...path.slice(2)] }] : [],
    );
  });
}

/**
 * Identical reads in flight at the same moment share one subgraph request, the way Apollo Router
 * and Hive Gateway deduplicate: under a burst of the same query (a popular event page) the
 * subgraphs answer once per burst instead of once per client. The key includes the caller's
 * `authorization`, so answers are only shared between requests that the subgraph would see as the
 * same viewer.
 */
export class InflightReads {
  private readonly inflight = new Map<string, { waiters: number; response: Promise<GatewayGraphQLResponse> }>();

  get size(): number {
    return this.inflight.size;
  }

  async share(key: string, send: () => Promise<GatewayGraphQLResponse>): Promise<GatewayGraphQLResponse> {
    const current = this.inflight.get(key);
    if (current) {
      current.waiters += 1;
      return copy(await current.response);
    }
    const entry = { waiters: 0, response: send() };
    this.inflight.set(key, entry);
    let response: GatewayGraphQLResponse;
    try {
      response = await entry.response;
    } finally {
      this.inflight.delete(key);
    }
    // The gateway merges subgraph data into its result in place: whoever shares an answer gets
    // a copy, taken before anyone resumes and writes to it.
    return entry.waiters === 0 ? response : copy(response);
  }
}

function copy(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  const { http, ...body } = response;
  return { ...structuredClone(body), http };
}
