import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode } from '@apollo/query-planner';
import { Kind, parse, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { AppError, ErrorCode } from '@sbor/core';

/**
 * Subscription fields the router streams. Which subgraph streams each, and which of the client's
 * fields other subgraphs own, comes from the query planner; a new live field is one more entry
 * here, once its subgraph serves graphql-ws (`webSocket: true` in its kit definition).
 */
export const LIVE_FIELDS: ReadonlySet<string> = new Set(['notificationAdded', 'ticketAvailabilityChanged']);

/** One client subscription, planned once when it subscribes. */
export interface LivePlan {
  /** The subscription field, e.g. `notificationAdded`. */
  field: string;
  /** The subgraph that streams it: the planner's primary fetch. */
  subgraph: string;
  /**
   * The primary fetch: the streaming subgraph's own fields of the client's selection, plus the keys
   * of entities other subgraphs resolve. Its operation is what goes upstream.
   */
  primary: FetchNode;
  /** Entity fetches for the rest of the selection, run per item; undefined when the stream answers it all. */
  rest: PlanNode | undefined;
  /** Items go to the client as the subgraph sends them: no rest, and nothing to rewrite in its answer. */
  relayAsIs: boolean;
}

/** Distinct subscription documents whose plan is remembered; clients send a handful of shapes. */
const MAX_REMEMBERED = 500;

export interface LivePlanner {
  plan(query: string, document: DocumentNode, operationName: string | undefined): LivePlan;
  /** The supergraph as the gateway's executor takes it (`executeQueryPlan`). */
  readonly supergraphSchema: GraphQLSchema;
  readonly apiSchema: Schema;
}

/**
 * Plans live subscriptions with the federation query planner, from the same supergraph the gateway
 * serves, so `@external`, `@requires`, entity keys and fields owned elsewhere are judged exactly as
 * the gateway judges a query. Built on first use (about 150 ms), so routers that never see a
 * subscription do not pay for it at start.
 */
export function createLivePlanner(supergraphSdl: string): LivePlanner {
  let built: { supergraphSchema: GraphQLSchema; apiSchema: Schema; planner: QueryPlanner } | undefined;
  const build = () => {
    if (!built) {
      const supergraph = Supergraph.build(supergraphSdl);
      built = {
        supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
        apiSchema: supergraph.apiSchema(),
        planner: new QueryPlanner(supergraph),
      };
    }
    return built;
  };
  const plans = new Map<string, LivePlan>();

  return {
    get supergraphSchema() {
      return build().supergraphSchema;
    },
    get apiSchema() {
      return build().apiSchema;
    },
    plan(query, document, operationName) {
      const key = `${operationName ?? ''}\n${query}`;
      let plan = plans.get(key);
      if (!plan) {
        const { apiSchema, planner } = build();
        const node = planner.buildQueryPlan(operationFromDocument(apiSchema, document, { operationName })).node;
        plan = livePlanOf(node);
        // Oldest first out: Map keeps insertion order, so this bounds memory without an LRU.
        if (plans.size >= MAX_REMEMBERED) plans.delete(plans.keys().next().value!);
        plans.set(key, plan);
      }
      return plan;
    },
  };
}

function livePlanOf(node: PlanNode | { kind: 'Subscription'; primary: FetchNode; rest?: PlanNode } | undefined): LivePlan {
  if (node?.kind !== 'Subscription') throw new AppError(ErrorCode.BAD_USER_INPUT, 'Only subscriptions are served live here.');
  const { primary, rest } = node;
  const field = rootFieldOf(primary);
  if (!field || !LIVE_FIELDS.has(field)) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `Subscription.${field ?? '?'} is not served live.`);
  }
  const rewrites = Boolean(primary.outputRewrites?.length || primary.inputRewrites?.length || primary.contextRewrites?.length);
  return { field, subgraph: primary.serviceName, primary, rest, relayAsIs: !rest && !rewrites && !primary.hasDefers };
}

/** The planner prints the primary fetch with its one root field selected directly. */
function rootFieldOf(fetch: FetchNode): string | undefined {
  const document = fetch.operationDocumentNode ?? parse(fetch.operation);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const [root] = operation?.selectionSet.selections ?? [];
  return root?.kind === Kind.FIELD ? root.name.value : undefined;
}
