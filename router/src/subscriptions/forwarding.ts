import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type PlanNode, type SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';

/** Distinct follow-up queries whose decision is remembered; clients send a handful of shapes. */
const MAX_REMEMBERED = 500;

/**
 * Whether a follow-up query is a single fetch to `subgraph`, with nothing for the gateway to do
 * but relay the answer (no entity fetch, no @defer, no rewriting of the subgraph's response).
 */
export function isSingleFetchTo(node: PlanNode | SubscriptionNode | undefined, subgraph: string): boolean {
  return (
    node?.kind === 'Fetch' &&
    node.serviceName === subgraph &&
    !node.requires?.length &&
    !node.hasDefers &&
    !node.inputRewrites?.length &&
    !node.outputRewrites?.length &&
    !node.contextRewrites?.length
  );
}

/**
 * Decides, once per subscription at subscribe time, whether the streaming subgraph can answer the
 * client's whole selection, so its payloads can go to the client as they are instead of costing a
 * query plan and an HTTP fetch per item. The federation query planner answers that question from
 * the same supergraph the gateway serves, so `@external` fields, entity references and fields
 * owned elsewhere are judged exactly as the gateway would judge them.
 *
 * The planner is built on first use (about 150 ms) so routers that never see a subscription do not
 * pay for it at start. A query the planner refuses is not forwarded: the follow-up path then
 * reports the error the way the gateway reports it.
 */
export function createForwardingCheck(supergraphSdl: string): (followUpQuery: string, subgraph: string) => boolean {
  let built: { apiSchema: Schema; planner: QueryPlanner } | undefined;
  const decisions = new Map<string, boolean>();

  const decide = (followUpQuery: string, subgraph: string): boolean => {
    if (!built) {
      const supergraph = Supergraph.build(supergraphSdl);
      built = { apiSchema: supergraph.apiSchema(), planner: new QueryPlanner(supergraph) };
    }
    try {
      const operation = operationFromDocument(built.apiSchema, parse(followUpQuery));
      return isSingleFetchTo(built.planner.buildQueryPlan(operation).node, subgraph);
    } catch {
      return false;
    }
  };

  return (followUpQuery, subgraph) => {
    const key = `${subgraph}\n${followUpQuery}`;
    let decision = decisions.get(key);
    if (decision === undefined) {
      decision = decide(followUpQuery, subgraph);
      // Oldest first out: Map keeps insertion order, so this bounds memory without an LRU.
      if (decisions.size >= MAX_REMEMBERED) decisions.delete(decisions.keys().next().value!);
      decisions.set(key, decision);
    }
    return decision;
  };
}
