import { buildOperationContext, executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { FetchNode, QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from '@sbor/core';
import type { RouterContext } from '../context.js';
import type { LivePlan, LivePlanner } from './plan.js';

/** A result as it travels over graphql-ws: plain JSON, errors already formatted. */
export interface LiveResult {
  data?: Record<string, unknown> | null;
  errors?: readonly GraphQLFormattedError[];
}

/** The streamed item, as the plan's first fetch sees it: a service that answers with the item. */
const LIVE_SERVICE = '__live';

export interface ItemResolverDeps {
  planner: LivePlanner;
  /** The client-facing API schema the gateway serves. */
  apiSchema: GraphQLSchema;
  /** Subgraph name → where entity fetches go (`LiveEntitySource`). */
  services: Readonly<Record<string, GraphQLDataSource<RouterContext>>>;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  logger: Logger;
}

export type ResolveItem = (
  item: LiveResult,
  subscriber: RouterContext,
  variables: Record<string, unknown> | undefined,
) => Promise<LiveResult>;

/**
 * Completes each streamed item with the fields other subgraphs own, by the gateway's own executor:
 * the plan `Sequence[Fetch(__live), rest]` starts from the item the subgraph streamed (the primary
 * fetch's answer) and runs the planner's entity fetches on it, so merging, `@include` conditions,
 * error paths and result shaping (`computeResponse`) are exactly the gateway's. The item is never
 * read back by id.
 */
export function createItemResolver(
  plan: LivePlan,
  document: DocumentNode,
  operationName: string | undefined,
  deps: ItemResolverDeps,
): ResolveItem {
  const operationContext = buildOperationContext({ schema: deps.apiSchema, operationDocument: document, operationName });
  // The primary fetch as it is (its output rewrites apply to the item), pointed at the item.
  const liveFetch: FetchNode = { ...plan.primary, serviceName: LIVE_SERVICE, operationKind: plan.primary.operationKind };
  const queryPlan = { kind: 'QueryPlan', node: { kind: 'Sequence', nodes: plan.rest ? [liveFetch, plan.rest] : [liveFetch] } } as QueryPlan;

  return async (item, subscriber, variables) => {
    // Nothing to complete: the subgraph's own error (with no data) is the whole answer.
    if (!item.data) return item;
    const services: ServiceMap = Object.create(deps.services) as ServiceMap;
    services[LIVE_SERVICE] = { process: async () => ({ data: item.data }) };
    const requestContext = {
      request: { variables: variables ?? {}, operationName },
      context: subscriber,
      logger: deps.logger,
      metrics: {},
      operationName: operationName ?? null,
      overallCachePolicy: undefined,
    } as unknown as Parameters<typeof executeQueryPlan>[2];
    const result = await executeQueryPlan(
      queryPlan,
      services,
      requestContext,
      operationContext,
      deps.planner.supergraphSchema,
      deps.planner.apiSchema,
    );
    const errors = [
      ...(item.errors ?? []),
      ...((result.errors ?? []) as readonly GraphQLError[]).map((error) => deps.formatError(error.toJSON(), error)),
    ];
    return errors.length > 0 ? { data: result.data ?? null, errors } : { data: result.data ?? null };
  };
}
