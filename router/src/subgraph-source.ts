import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLError } from 'graphql';
import { AppError, ErrorCode, HeaderNames, type Logger } from '@sbor/core';
import type { RouterContext } from './context.js';
import { viewerScope, type EntityCache } from './entity-cache/entity-cache.js';
import { collapseRepresentations, InflightReads, isQueryOperation, type GatewayGraphQLResponse } from './subgraph-dedupe.js';
import { subgraphFetch, SubgraphTimeoutError, type Fetcher, type FetcherResponse } from './subgraph-http.js';

type SubgraphRequest = GraphQLDataSourceProcessOptions<RouterContext>['request'];

export interface SubgraphSourceOptions {
  name: string;
  url: string;
  /** Sent as `router-authorization`; subgraphs refuse requests without it (full mode). */
  routerSecret: string | undefined;
  timeoutMs: number;
  /** Share one subgraph request between identical reads in flight (ROUTER_DEDUPLICATE_READS). */
  deduplicateReads: boolean;
  /** Public entities kept for their `maxAge` (ROUTER_ENTITY_CACHE); shared by every subgraph's source. */
  entityCache?: EntityCache | undefined;
  logger: Logger;
}

/**
 * One subgraph as the gateway's query plans see it. Each fetch carries who is asking (the verified
 * token, verbatim, so the subgraph checks it again), which request it belongs to, the client's IP
 * (for the subgraphs' rate limits) and the router secret. HeaderNames are built here from the router's
 * own context, never copied from the client, so a caller cannot spoof the IP or the secret.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  private readonly settings: SubgraphSourceOptions;
  private readonly reads = new InflightReads();
  private readonly fetchSubgraph: SubgraphFetch;

  constructor(settings: SubgraphSourceOptions) {
    super({ url: settings.url });
    this.settings = settings;
    this.fetchSubgraph = timedFetch(settings);
    // The gateway's own sendRequest (private in its types, so replaced here rather than
    // overridden) builds a node-fetch Request per fetch, a URL parse and header checks, only to
    // hand it to error hooks this class does not use.
    Object.assign(this, { sendRequest: (request: SubgraphRequest, context: RouterContext) => this.send(request, context) });
  }

  /** Before the request leaves: public entities the entity cache keeps are answered here. */
  override async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    // Health checks and schema loads carry no client request: nothing to share.
    if (!('incomingRequestContext' in options)) return super.process(options);
    const { request } = options;
    const context = options.context as Partial<RouterContext>;
    const read = request.query !== undefined && isQueryOperation(request.query);
    const { entityCache } = this.settings;
    if (!entityCache || !request.query || (!read && !context.viewer)) return this.share(options, read);
    if (!read) {
      // A write through this router ends every kept entity, before it and again after it, so no
      // caller reads the old value back here (a read racing the write keeps nothing: see the cache).
      entityCache.invalidate();
      try {
        return await this.share(options, read);
      } finally {
        entityCache.invalidate();
      }
    }
    // A token the router did not verify is nobody's scope (the edge refuses those anyway).
    if (context.viewer === undefined || (context.viewer === null && context.authorization)) return this.share(options, read);
    const scope = viewerScope(context.viewer);
    return entityCache.through(
      { subgraph: this.settings.name, query: request.query, document: options.document, variables: request.variables, scope },
      (variables) => {
        request.variables = variables;
        return this.share(options, read);
      },
    );
  }

  /**
   * Repeated entity representations are sent once, and an identical read already in flight for
   * the same caller is joined instead of sent again.
   */
  private async share(options: GraphQLDataSourceProcessOptions<RouterContext>, read: boolean): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const collapsed = collapseRepresentations(request.variables);
    if (collapsed) request.variables = collapsed.variables;
    const send = () => super.process(options);
    let response: Promise<GatewayGraphQLResponse>;
    if (this.settings.deduplicateReads && read) {
      const authorization = (options.context as Partial<RouterContext>).authorization ?? '';
      const key = JSON.stringify([authorization, request.query, request.variables ?? null]);
      response = this.reads.share(key, send);
    } else {
      response = send();
    }
    return collapsed ? collapsed.expand(await response) : response;
  }

  /** One subgraph fetch, its headers from the router's context (see the class comment). */
  private async send(request: SubgraphRequest, context: Partial<RouterContext>): Promise<GatewayGraphQLResponse> {
    const { http: _http, ...payload } = request;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // Health-check and schema-loading fetches carry an empty context; only the secret applies.
    if (this.settings.routerSecret) headers[HeaderNames.routerSecret] = this.settings.routerSecret;
    if (context.requestId) headers[HeaderNames.requestId] = context.requestId;
    if (context.clientIp) headers[HeaderNames.clientIp] = context.clientIp;
    if (context.authorization) headers[HeaderNames.authorization] = context.authorization;
    const read = payload.query !== undefined && isQueryOperation(payload.query);
    const response = await this.fetchSubgraph({ method: 'POST', headers, body: JSON.stringify(payload) }, read);
    if (!response.ok) throw await this.errorFromResponse(response);
    const body: unknown = await this.parseBody(response);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Error(`Subgraph ${this.settings.name} answered without a JSON object: ${String(body).slice(0, 200)}`);
    }
    return { ...(body as GatewayGraphQLResponse), http: response };
  }

  /**
   * The default puts the subgraph's URL and raw body into `extensions.response`, which would reach
   * clients. Map the statuses that mean something to a client, and keep the rest for the log.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const message = firstErrorMessage(body);
    const { name, logger } = this.settings;
    logger.warn({ subgraph: name, status: response.status, message }, 'subgraph answered an HTTP error');
    if (response.status === 401) {
      return new AppError(ErrorCode.UNAUTHENTICATED, message ?? 'You must be signed in to do this.');
    }
    if (response.status === 403) {
      return new AppError(ErrorCode.FORBIDDEN, message ?? 'You are not allowed to do this.');
    }
    if (response.status >= 502 && response.status <= 504) {
      return unavailable(name);
    }
    // A 400 or 500 means the router and the subgraph disagree (stale supergraph, a bug): the client
    // gets INTERNAL_SERVER_ERROR from formatError, the log gets this message.
    throw new Error(`Subgraph ${name} answered HTTP ${response.status}: ${message ?? 'no GraphQL error in the body'}`);
  }
}

function unavailable(name: string, detail = 'is unavailable right now') {
  return new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The ${name} service ${detail}. Please try again shortly.`);
}

type SubgraphFetch = (init: NonNullable<Parameters<Fetcher>[1]>, read: boolean) => Promise<FetcherResponse>;

/**
 * A subgraph fetch with a deadline: a hung subgraph must fail its part of the plan, not hold the
 * client's request (and a socket) open forever. Network failures become SERVICE_UNAVAILABLE.
 */
function timedFetch({ name, url, timeoutMs, logger }: SubgraphSourceOptions): SubgraphFetch {
  return async (init, read) => {
    try {
      return await subgraphFetch(url, init, timeoutMs, read);
    } catch (error) {
      const timedOut = error instanceof SubgraphTimeoutError;
      logger.warn({ subgraph: name, err: error, timedOut }, 'subgraph request failed');
      throw timedOut ? unavailable(name, `did not answer within ${timeoutMs} ms`) : unavailable(name);
    }
  };
}

function firstErrorMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || !('errors' in body)) return undefined;
  const { errors } = body as { errors: unknown };
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (typeof first !== 'object' || first === null) return undefined;
  const { message } = first as { message?: unknown };
  return typeof message === 'string' ? message : undefined;
}
