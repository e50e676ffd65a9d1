import type http from 'node:http';
import type { GraphQLDataSource } from '@apollo/gateway';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { TokenVerifier } from '@sbor/auth';
import type { Logger, ServiceMetrics, WebSocketLimits, websocketMetrics } from '@sbor/core';
import type { RouterContext } from './context.js';
import type { Hardening } from './hardening.js';

/**
 * The seam for live notifications (DESIGN.md, "Live notifications"): the gateway cannot execute
 * subscriptions, so a graphql-ws server will share `/graphql` on the router's own http.Server.
 * Everything it needs from the router is handed over here, so it enforces the same auth and limits.
 */
export interface WebSocketSeam {
  httpServer: http.Server;
  /** The path to accept upgrades on; the same as the HTTP endpoint, as clients expect. */
  path: string;
  logger: Logger;
  /** Verifies the token a client sends in graphql-ws `connection_init`. */
  verifyToken: TokenVerifier;
  /** The same parse and validation limits as HTTP; run `hardening.validate` on every subscribe. */
  hardening: Hardening;
  /** The client-facing supergraph API schema (undefined until loaded). */
  apiSchema: () => GraphQLSchema | undefined;
  /** The supergraph the gateway serves: subscriptions plan with it which subgraphs an item needs. */
  supergraphSdl: string;
  /**
   * The same formatter HTTP responses get. Results relayed from a subgraph without the gateway pass
   * through it, so the edge masks and strips their errors as it does every other error.
   */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Where the router reaches a subgraph over HTTP (e.g. notifications), with any override applied. */
  subgraphUrl: (name: string) => string | undefined;
  /** Sent to subgraphs as `router-authorization`. */
  routerSecret: string | undefined;
  /** The gateway's data sources by subgraph: the entity fetches of live items go through them too. */
  dataSources: () => ReadonlyMap<string, GraphQLDataSource<RouterContext>>;
  /** Subgraphs whose entity fetches for live items are batched as the router (ROUTER_SHARED_ENTITY_SUBGRAPHS). */
  sharedEntitySubgraphs: readonly string[];
  /** Frame size, `connection_init` timeout, socket and subscription caps, send budget. */
  limits: WebSocketLimits;
  /** The client's address as the HTTP side sees it (honours TRUST_PROXY), for the per-address cap. */
  clientIp: (request: http.IncomingMessage) => string | undefined;
  /** The router's metrics registry. */
  metrics?: ServiceMetrics;
  /**
   * Runs a query or mutation sent over the socket through the gateway as the given caller (same
   * pipeline, limits and masking as HTTP).
   */
  execute: (
    request: { query: string; variables?: Record<string, unknown>; operationName?: string },
    context: RouterContext,
  ) => Promise<{ data?: Record<string, unknown> | null; errors?: readonly unknown[] }>;
  /** Safelist mode: refuses an operation text that is not registered, before it is parsed. */
  refuseOperation?: (query: string) => GraphQLError | undefined;
  /** Counts open sockets and subscriptions for /metrics (track on connect, untrack on close). */
  sockets?: ReturnType<typeof websocketMetrics>;
}

export interface WebSocketAttachment {
  /** Closes every socket; called before the HTTP server drains. */
  close: () => Promise<void>;
}

export type AttachWebSocket = (seam: WebSocketSeam) => WebSocketAttachment | Promise<WebSocketAttachment>;
