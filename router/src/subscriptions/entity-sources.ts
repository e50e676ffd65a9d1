import { randomUUID } from 'node:crypto';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from '@sbor/core';
import type { RouterContext } from '../context.js';
import type { GatewayGraphQLResponse } from '../subgraph-dedupe.js';
import { patchEntities, unresolvedEntities, type EntityBatcher } from './entity-batch.js';

export interface EntitySourceOptions {
  name: string;
  /** The gateway's own data source for this subgraph: same URL, secret, timeout and error mapping. */
  source: GraphQLDataSource<RouterContext>;
  batcher: EntityBatcher;
  /** Batch as the router, across subscribers (ROUTER_SHARED_ENTITY_SUBGRAPHS); else per subscriber's token. */
  shared: boolean;
  logger: Logger;
}

/**
 * A subgraph as the live items' entity fetches see it: the gateway's data source behind an
 * `EntityBatcher`. For a shared subgraph, a batch goes out as the router itself (no user token), so
 * subscribers who receive items at the same moment share one request; whatever comes back null or
 * with an error (a draft only its organizer may see) is fetched again as its own subscriber, so
 * nobody gets less than their own token allows, nor more. Other subgraphs (tickets: a `Ticket` is
 * its owner's alone) batch only the fetches of one subscriber's token.
 */
export class LiveEntitySource implements GraphQLDataSource<RouterContext> {
  private readonly routerContext: RouterContext;

  constructor(private readonly options: EntitySourceOptions) {
    const requestId = `live-${randomUUID()}`;
    this.routerContext = {
      requestId,
      clientIp: undefined,
      viewer: null,
      authorization: undefined,
      logger: options.logger.child({ requestId, subgraph: options.name }),
      accessLog: {},
    };
  }

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    const representations = options.request.variables?.representations;
    if (!Array.isArray(representations)) return this.options.source.process(options);
    const subscriber = options.context as RouterContext;
    if (!this.options.shared) return this.load(options, subscriber, representations);
    const response = await this.load(options, this.routerContext, representations);
    const unresolved = unresolvedEntities(response, representations.length);
    if (unresolved.length === 0) return response;
    const again = await this.load(
      options,
      subscriber,
      unresolved.map((i) => representations[i]),
    );
    return patchEntities(response, unresolved, again);
  }

  private load(options: GraphQLDataSourceProcessOptions<RouterContext>, as: RouterContext, representations: readonly unknown[]) {
    const { query, operationName } = options.request;
    const { representations: _, ...variables } = options.request.variables ?? {};
    const key = JSON.stringify([this.options.name, as.authorization ?? '', operationName ?? '', query, variables]);
    return this.options.batcher.load(key, representations, (merged) =>
      // A fresh request: the data source writes its `http` into the one it is given.
      this.options.source.process({
        ...options,
        request: { query, operationName, variables: { ...variables, representations: merged } },
        context: as,
      } as GraphQLDataSourceProcessOptions<RouterContext>),
    );
  }
}
