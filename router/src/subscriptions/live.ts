import type { GraphQLDataSource } from '@apollo/gateway';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { RouterContext } from '../context.js';
import type { WebSocketSeam } from '../websocket.js';
import { EntityBatcher } from './entity-batch.js';
import { LiveEntitySource } from './entity-sources.js';
import { createItemResolver, type ResolveItem } from './items.js';
import { createLivePlanner, type LivePlan } from './plan.js';
import { UpstreamConnection } from './upstream.js';

/** What every client subscription of one router shares: the planner, the upstream connections, the entity batches. */
export interface LiveRouting {
  /** Plans a subscription (cached per document); throws AppError(BAD_USER_INPUT) for what is not served live. */
  plan(query: string, document: DocumentNode, operationName: string | undefined): LivePlan;
  /** The one multiplexed connection to `subgraph`, opened on first use; undefined when it has no URL. */
  upstream(subgraph: string): UpstreamConnection | undefined;
  /** Completes items with the fields of other subgraphs; undefined when the plan has nothing to complete. */
  itemResolver(
    plan: LivePlan,
    document: DocumentNode,
    operationName: string | undefined,
    apiSchema: GraphQLSchema,
  ): ResolveItem | undefined;
  close(): void;
}

export function createLiveRouting(seam: WebSocketSeam): LiveRouting {
  const planner = createLivePlanner(seam.supergraphSdl);
  const upstreams = new Map<string, UpstreamConnection>();
  const entityRequests = seam.metrics?.counter({
    name: 'sbor_live_entity_batches_total',
    help: 'Entity fetches of live subscription items sent to a subgraph; each may carry the items of many subscribers.',
  });
  const batcher = new EntityBatcher(() => entityRequests?.inc());
  seam.metrics?.gauge({
    name: 'sbor_live_upstream_subscriptions_open',
    help: 'Client subscriptions carried by the upstream multiplexed connections.',
    collect() {
      let open = 0;
      for (const upstream of upstreams.values()) open += upstream.size;
      this.set(open);
    },
  });
  let services: Record<string, GraphQLDataSource<RouterContext>> | undefined;
  const servicesOf = () =>
    (services ??= Object.fromEntries(
      [...seam.dataSources()].map(([name, source]) => [
        name,
        new LiveEntitySource({ name, source, batcher, shared: seam.sharedEntitySubgraphs.includes(name), logger: seam.logger }),
      ]),
    ));
  const resolvers = new WeakMap<DocumentNode, Map<string, ResolveItem>>();

  return {
    plan: (query, document, operationName) => planner.plan(query, document, operationName),
    upstream: (subgraph) => {
      let upstream = upstreams.get(subgraph);
      if (upstream) return upstream;
      const url = seam.subgraphUrl(subgraph);
      if (!url) return undefined;
      upstream = new UpstreamConnection({ name: subgraph, url, routerSecret: seam.routerSecret, logger: seam.logger });
      upstreams.set(subgraph, upstream);
      return upstream;
    },
    itemResolver: (plan, document, operationName, apiSchema) => {
      if (plan.relayAsIs) return undefined;
      let byName = resolvers.get(document);
      if (!byName) resolvers.set(document, (byName = new Map()));
      let resolve = byName.get(operationName ?? '');
      if (!resolve) {
        resolve = createItemResolver(plan, document, operationName, {
          planner,
          apiSchema,
          services: servicesOf(),
          formatError: seam.formatError,
          logger: seam.logger,
        });
        byName.set(operationName ?? '', resolve);
      }
      return resolve;
    },
    close: () => {
      for (const upstream of upstreams.values()) upstream.close();
    },
  };
}
