import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { bearerToken } from '@sbor/auth';
import {
  acceptRequestId,
  AppError,
  createErrorFormatter,
  ErrorCode,
  HeaderNames,
  secretMatcher,
  sizeInBytes,
  type BaseContext,
  type Logger,
  type ServiceMetrics,
  type Viewer,
} from '@sbor/core';
import { graphqlHttpHandler, isGraphqlRequest } from './graphql-http.js';
import { userInputErrorsAsOk } from './user-input-status.js';

export interface SubgraphServerOptions<Ctx extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  /** Requests without this value in `router-authorization` are refused before GraphQL runs. */
  routerSecret: string;
  /** Turns the forwarded bearer token into a viewer; throws AppError(UNAUTHENTICATED) on a bad one. */
  authenticate: (token: string) => Promise<Viewer>;
  context: (base: BaseContext & { logger: Logger }) => Ctx | Promise<Ctx>;
  introspection: boolean;
  /** Extra HTTP routes (e.g. JWKS); mounted before /graphql and not behind the router secret. */
  routes?: (app: Express) => void;
  /** Readiness: resolves true when the service can do its work (database reachable, …). */
  ready?: () => Promise<boolean>;
  plugins?: ApolloServerPlugin<Ctx>[];
  /** This service's metrics registry, served on /metrics; the Apollo plugin counts every operation into it. */
  metrics: ServiceMetrics;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: http.Server;
  stop: () => Promise<void>;
}

/** Largest request body a subgraph accepts; its graphql-ws frames are held to the same size. */
export const SUBGRAPH_BODY_LIMIT = '1mb';

/** No header is anonymous; a header that is not `Bearer <token>` is refused. */
function forwardedToken(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string' || header.length === 0) return undefined;
  const token = bearerToken(header);
  if (!token) throw new AppError(ErrorCode.UNAUTHENTICATED, 'The Authorization header must be "Bearer <token>".');
  return token;
}

/** Starts a subgraph: Apollo Server on /graphql behind the router secret, plus health probes. */
export async function startSubgraphServer<Ctx extends BaseContext>(
  options: SubgraphServerOptions<Ctx>,
  port: number,
  host = '127.0.0.1',
): Promise<RunningServer> {
  const { logger } = options;
  const app = express();
  app.disable('x-powered-by');
  // /graphql goes straight to Apollo (graphql-http.ts); everything else through express.
  const httpServer = http.createServer();
  const { metrics } = options;
  const apollo = new ApolloServer<Ctx>({
    schema: options.schema,
    introspection: options.introspection,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No Apollo Studio here, so federated traces would only cost time.
      ApolloServerPluginInlineTraceDisabled(),
      userInputErrorsAsOk<Ctx>(),
      metrics.graphqlPlugin<Ctx>({ label: 'rootFields' }),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = options.ready ? await options.ready().catch(() => false) : true;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'not ready', service: options.name });
  });
  app.get('/metrics', metrics.handler);
  options.routes?.(app);

  const fromRouter = secretMatcher(options.routerSecret);
  const serveGraphql = graphqlHttpHandler<Ctx>({
    apollo,
    logger,
    bodyLimitBytes: sizeInBytes(SUBGRAPH_BODY_LIMIT),
    fromRouter: (req) => fromRouter(req.headers[HeaderNames.routerSecret]),
    context: async (req) => {
      const requestId = acceptRequestId(req.headers[HeaderNames.requestId]) ?? randomUUID();
      const clientIp = acceptClientIp(req.headers[HeaderNames.clientIp]);
      let viewer: Viewer | null = null;
      try {
        const token = forwardedToken(req.headers[HeaderNames.authorization]);
        if (token) viewer = await options.authenticate(token);
      } catch (error) {
        return { refused: error instanceof AppError ? error.message : 'The access token is not valid.' };
      }
      return options.context({ viewer, requestId, clientIp, logger: logger.child({ requestId }) });
    },
  });
  httpServer.on('request', (req, res) => {
    if (isGraphqlRequest(req.url)) void serveGraphql(req, res);
    else app(req, res);
  });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(port, host, () => resolve());
    });
  } catch (error) {
    await apollo.stop().catch(() => undefined);
    throw error;
  }
  const address = httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host}:${actualPort}/graphql`;
  logger.info({ url }, `${options.name} subgraph listening`);
  return {
    url,
    port: actualPort,
    httpServer,
    stop: async () => {
      await apollo.stop();
    },
  };
}

function acceptClientIp(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= 64 ? value : undefined;
}
