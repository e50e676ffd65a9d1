import http from 'node:http';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { Cache } from '@sbor/cache';
import { createTokenVerifier, remoteKeySet, type TokenVerifier } from '@sbor/auth';
import { createLogger, createServiceMetrics, nameServer, websocketMetrics, type Logger, type ServiceMetrics } from '@sbor/core';
import { readSupergraph } from '@sbor/schema';
import { toApolloLogger } from './apollo-logger.js';
import { authenticateAtEdge } from './auth.js';
import { graphqlRoute } from './graphql-route.js';
import type { RouterConfig } from './config.js';
import { requestContextMiddleware, type RouterContext } from './context.js';
import { cors } from './cors.js';
import { mountExportRoutes } from './export-routes.js';
import { createRouterErrorFormatter } from './format-error.js';
import { createGateway } from './gateway.js';
import { createDocumentStore, createQueryPlanCache } from './operation-caches.js';
import { setUpPersistedQueries } from './persisted-queries.js';
import { createHardening } from './hardening.js';
import { mountHealthRoutes } from './health.js';
import { httpErrorHandler } from './http-errors.js';
import { hearPublicFacts } from './public-facts.js';
import { mountPublicRoutes, PUBLIC_ROUTES } from './public-routes.js';
import { requireResolvedOperation } from './operation-resolution.js';
import { cacheHintsOf } from './response-cache/hints.js';
import { createResponseCache, type ResponseCacheInfra } from './response-cache/index.js';
import { attachSubscriptions } from './subscriptions/server.js';
import { DEFAULT_WEB_APP_DIR, mountWebApp } from './web-app.js';
import type { AttachWebSocket, WebSocketAttachment } from './websocket.js';

export const GRAPHQL_PATH = '/graphql';
/** About 8 MiB of kept entities (a few hundred bytes each with their keys). */
const ENTITY_CACHE_ENTRIES = 20_000;

export interface RouterOptions extends RouterConfig {
  /** Injected by tests and the embedded launcher; defaults to a verifier over `jwksUrl`. */
  verifyToken?: TokenVerifier;
  logger?: Logger;
  /** Defaults to the checked-in schema/supergraph.graphql. */
  supergraphSdl?: string;
  /** The subscriptions seam, called after Apollo starts and before the port opens; defaults to the graphql-ws proxy. */
  attachWebSocket?: AttachWebSocket;
  /** The built web app served at `/`; defaults to the repository's web/dist, `false` serves none. */
  webAppDir?: string | false;
  /** The shared cache and the facts the response cache uses (the platform's); a router alone keeps its own in memory. */
  responseCacheInfra?: ResponseCacheInfra;
  /** Full mode's shared cache (the platform's Redis), for automatic persisted queries; wins over REDIS_URL. */
  persistedQueryCache?: Cache;
}

export interface RunningRouter {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:8000/graphql. */
  url: string;
  port: number;
  httpServer: http.Server;
  /** Closes websockets, drains in-flight HTTP requests and stops the gateway. Idempotent. */
  stop: () => Promise<void>;
  /** The registry behind GET /metrics. */
  metrics: ServiceMetrics;
}

/** Starts the router: auth at the edge, the static supergraph behind Apollo Server, health probes. */
export async function startRouter(options: RouterOptions): Promise<RunningRouter> {
  const logger = options.logger ?? createLogger('router', options.logLevel);
  const production = options.nodeEnv === 'production';
  // Sandbox needs introspection; both follow the mode unless APOLLO_SANDBOX says otherwise.
  const sandbox = options.sandbox ?? !production;
  const verifyToken =
    options.verifyToken ?? createTokenVerifier({ keys: remoteKeySet(options.jwksUrl), issuer: options.issuer, audience: options.audience });
  if (!options.routerSecret) {
    logger.warn('ROUTER_SECRET is not set: subgraphs that require it will refuse every request');
  }

  const metrics = createServiceMetrics('router');
  const hardening = createHardening(options.limits, { blockFieldSuggestions: production });
  const formatError = createRouterErrorFormatter(logger, { production });
  const supergraphSdl = options.supergraphSdl ?? readSupergraph();
  const responseCache = options.responseCache
    ? createResponseCache(supergraphSdl, options.responseCacheInfra ?? {}, { logger, metrics })
    : undefined;
  const persistedQueries = await setUpPersistedQueries(
    { ...options.persistedQueries, safelistPath: options.safelistPath, sharedCache: options.persistedQueryCache },
    logger,
  );
  const { gateway, subgraphs, dataSources, apiSchema, entityCache } = createGateway({
    supergraphSdl,
    subgraphUrls: options.subgraphUrls,
    routerSecret: options.routerSecret,
    subgraphTimeoutMs: options.subgraphTimeoutMs,
    deduplicateReads: options.deduplicateReads,
    entityCache: options.entityCache ? { hints: cacheHintsOf(supergraphSdl), maxEntries: ENTITY_CACHE_ENTRIES, metrics } : undefined,
    queryPlanCache: createQueryPlanCache(options.operationCaches),
    logger,
  });

  const publicFacts = hearPublicFacts(options.responseCacheInfra?.facts, [responseCache, entityCache], logger);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  // Our own server (not app.listen) so graphql-ws can take upgrades on the same port and path.
  const httpServer = http.createServer(app);
  nameServer(httpServer, 'router');

  const apollo = new ApolloServer<RouterContext>({
    gateway,
    logger: toApolloLogger(logger),
    introspection: sandbox,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // main.ts (or the embedded launcher) owns the signals; Apollo's own handler would re-raise
    // SIGTERM after stopping and end the process with 143 instead of a clean 0.
    stopOnTerminationSignals: false,
    hideSchemaDetailsFromClientErrors: production,
    documentStore: createDocumentStore(options.operationCaches),
    ...(persistedQueries.config && { persistedQueries: persistedQueries.config }),
    parseOptions: hardening.parseOptions,
    validationRules: hardening.validationRules,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      sandbox ? ApolloServerPluginLandingPageLocalDefault({ footer: false }) : ApolloServerPluginLandingPageDisabled(),
      ...(hardening.plugins as ApolloServerPlugin<RouterContext>[]),
      ...(persistedQueries.plugins as ApolloServerPlugin<RouterContext>[]),
      requireResolvedOperation as ApolloServerPlugin<RouterContext>,
      ...(responseCache ? [responseCache.plugin] : []),
      recordOperationName,
      metrics.graphqlPlugin<RouterContext>({ label: 'operationName' }),
    ],
  });
  await apollo.start().catch(async (error: unknown) => {
    await persistedQueries.close();
    throw error;
  });

  app.use(requestContextMiddleware(logger));
  app.use(cors(options.corsOrigins));
  mountHealthRoutes(app, { supergraphLoaded: () => apiSchema() !== undefined, subgraphs: () => subgraphs });
  mountPublicRoutes(app, () => subgraphs);
  mountExportRoutes(app, { subgraphs: () => subgraphs, routerSecret: options.routerSecret });
  app.get('/metrics', metrics.handler);
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: options.bodyLimit }),
    authenticateAtEdge(verifyToken),
    graphqlRoute(apollo, responseCache?.fastPath),
  );
  if (options.webAppDir !== false) {
    mountWebApp(app, { dir: options.webAppDir ?? DEFAULT_WEB_APP_DIR, apiPaths: API_PATHS });
  }
  app.use(httpErrorHandler(options.bodyLimit));

  let webSocket: WebSocketAttachment | undefined;
  try {
    webSocket = await (options.attachWebSocket ?? attachSubscriptions)({
      httpServer,
      path: GRAPHQL_PATH,
      logger,
      verifyToken,
      hardening,
      apiSchema,
      supergraphSdl,
      formatError,
      subgraphUrl: (name) => subgraphs.get(name),
      routerSecret: options.routerSecret,
      refuseOperation: persistedQueries.refuse,
      dataSources: () => dataSources,
      sharedEntitySubgraphs: options.sharedEntitySubgraphs,
      limits: options.webSocket,
      clientIp: (request) => clientIpOf(app, request),
      metrics,
      sockets: websocketMetrics(metrics),
      execute: async (request, contextValue) => {
        const response = await apollo.executeOperation<Record<string, unknown>>(request, { contextValue });
        if (response.body.kind !== 'single') throw new Error('Incremental delivery is not supported here.');
        return response.body.singleResult;
      },
    });
    publicFacts.start();
    await listen(httpServer, options.port, options.host);
  } catch (error) {
    await webSocket?.close();
    await publicFacts.stop();
    await responseCache?.stop();
    await apollo.stop().catch(() => undefined);
    await persistedQueries.close();
    throw error;
  }

  const port = (httpServer.address() as { port: number }).port;
  const url = `http://${displayHost(options.host)}:${port}${GRAPHQL_PATH}`;
  logger.info({ url, subgraphs: Object.fromEntries(subgraphs) }, 'router listening');
  if (sandbox) logger.info({ url }, `Apollo Sandbox: open ${url} in a browser`);

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      await webSocket?.close();
      // Apollo Server drains the HTTP server (ApolloServerPluginDrainHttpServer) and then stops
      // the gateway it was given.
      await apollo.stop();
      await publicFacts.stop();
      await responseCache?.stop();
      await persistedQueries.close();
      logger.info('router stopped');
    })());
  return { url, port, httpServer, stop, metrics };
}

/** What the web app's fallback to index.html must leave alone. */
const API_PATHS = [
  GRAPHQL_PATH,
  '/healthz',
  '/readyz',
  '/metrics',
  '/exports/',
  ...PUBLIC_ROUTES.map((route) => (route.path.includes('/:') ? route.path.slice(0, route.path.indexOf(':')) : route.path)),
];

/** Puts the operation name in the access log line. */
const recordOperationName: ApolloServerPlugin<RouterContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, operationName }) {
        contextValue.accessLog.operationName = operationName ?? undefined;
      },
    };
  },
};

function listen(server: http.Server, port: number, host: string) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The address express would give `req.ip` for this request (TRUST_PROXY applies), for a websocket
 * upgrade that never passes through express: a view of the request on express's own prototype.
 */
function clientIpOf(app: express.Express, request: http.IncomingMessage): string | undefined {
  const view = Object.create(app.request, { headers: { value: request.headers }, socket: { value: request.socket } }) as express.Request;
  return view.ip;
}

/** 0.0.0.0 and :: are where we listen, not where a browser can go. */
function displayHost(host: string) {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
