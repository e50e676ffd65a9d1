import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticateSocket, closeAtExpiry, type TokenVerifier } from '@sbor/auth';
import { createErrorFormatter, websocketMetrics, type Logger, type ServiceMetrics, type Viewer } from '@sbor/core';

export interface GraphqlWsOptions<Ctx> {
  httpServer: http.Server;
  schema: GraphQLSchema;
  logger: Logger;
  routerSecret: string;
  verify: TokenVerifier;
  context: (viewer: Viewer, requestId: string) => Ctx;
  metrics: ServiceMetrics;
}

type ConnectionState = { viewer?: Viewer; expiry?: NodeJS.Timeout };

/**
 * graphql-ws on the subgraph's own HTTP server at /graphql, for the router's subscription proxy.
 * The socket authenticates once in `connection_init` (router secret, then the user's token) and is
 * closed with 4401 the moment that token expires, so a subscription never outlives its sign-in.
 */
export function serveGraphqlWs<Ctx>(options: GraphqlWsOptions<Ctx>): { close: () => Promise<void> } {
  const { logger } = options;
  const formatError = createErrorFormatter(logger);
  const sockets = websocketMetrics(options.metrics);
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql' });
  const server = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const auth = await authenticateSocket(ctx.connectionParams, options.verify, options.routerSecret);
        if (!auth.ok) {
          logger.info({ code: auth.code, reason: auth.reason }, 'websocket connection refused');
          ctx.extra.socket.close(auth.code, auth.reason);
          return false;
        }
        ctx.extra.viewer = auth.viewer;
        ctx.extra.expiry = closeAtExpiry(ctx.extra.socket, auth.expiresAt);
        sockets.track(ctx);
        return true;
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
        sockets.untrack(ctx);
      },
      context: (ctx) => options.context(ctx.extra.viewer!, randomUUID()),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    },
    wss,
  );
  return {
    close: async () => {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
