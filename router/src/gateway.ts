import { ApolloGateway } from '@apollo/gateway';
import type { QueryPlanCache } from '@apollo/query-planner';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '@sbor/core';
import { toApolloLogger } from './apollo-logger.js';
import { EntityCache, type EntityCacheOptions } from './entity-cache/entity-cache.js';
import { SubgraphDataSource } from './subgraph-source.js';

export interface GatewayOptions {
  /** The checked-in, composed supergraph: the router never introspects subgraphs at run time. */
  supergraphSdl: string;
  /** `<NAME>_URL` overrides by subgraph name; otherwise the supergraph's routing URL is used. */
  subgraphUrls: Readonly<Record<string, string>>;
  routerSecret: string | undefined;
  subgraphTimeoutMs: number;
  deduplicateReads: boolean;
  /** Keep public entities for their `maxAge` (ROUTER_ENTITY_CACHE); typed by the API schema once loaded. */
  entityCache?: Omit<EntityCacheOptions, 'schema'> | undefined;
  /** Plans by document hash; the gateway's own 30 MiB LRU when unset. */
  queryPlanCache?: QueryPlanCache;
  logger: Logger;
}

export interface Gateway {
  gateway: ApolloGateway;
  /** Subgraph name → URL actually called; filled when the supergraph loads. */
  subgraphs: ReadonlyMap<string, string>;
  /** Subgraph name → the data source the gateway's plans fetch through; live subscriptions fetch through the same. */
  dataSources: ReadonlyMap<string, SubgraphDataSource>;
  /** The client-facing API schema, once loaded. */
  apiSchema: () => GraphQLSchema | undefined;
  entityCache: EntityCache | undefined;
}

export const subgraphUrlVariable = (name: string) => `${name.toUpperCase()}_URL`;

export function createGateway(options: GatewayOptions): Gateway {
  const subgraphs = new Map<string, string>();
  const dataSources = new Map<string, SubgraphDataSource>();
  let apiSchema: GraphQLSchema | undefined;
  const entityCache = options.entityCache && new EntityCache({ ...options.entityCache, schema: () => apiSchema });
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger: toApolloLogger(options.logger),
    ...(options.queryPlanCache && { queryPlannerConfig: { cache: options.queryPlanCache } }),
    buildService: ({ name, url }) => {
      const target = options.subgraphUrls[name] ?? url;
      if (!target) {
        throw new Error(`Subgraph ${name} has no routing URL in the supergraph; set ${subgraphUrlVariable(name)}.`);
      }
      subgraphs.set(name, target);
      options.logger.info({ subgraph: name, url: target }, 'subgraph route');
      const source = new SubgraphDataSource({
        name,
        url: target,
        routerSecret: options.routerSecret,
        timeoutMs: options.subgraphTimeoutMs,
        deduplicateReads: options.deduplicateReads,
        entityCache,
        logger: options.logger,
      });
      dataSources.set(name, source);
      return source;
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });
  return { gateway, subgraphs, dataSources, apiSchema: () => apiSchema, entityCache };
}
