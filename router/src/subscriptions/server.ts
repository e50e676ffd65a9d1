import { randomUUID } from 'node:crypto';
import { getOperationAST, getVariableValues, GraphQLError, parse, print, type ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { authenticateSocket, closeAtExpiry } from '@sbor/auth';
import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import type { AttachWebSocket } from '../websocket.js';
import { createForwardingCheck } from './forwarding.js';
import { proxySubscription, type LiveSocket } from './proxy.js';

interface SocketState extends LiveSocket {
  viewer: Viewer;
  expiry?: NodeJS.Timeout;
}

type Extra = { state?: SocketState };

const asErrors = (error: unknown): GraphQLError[] => [
  error instanceof GraphQLError ? error : new AppError(ErrorCode.BAD_USER_INPUT, (error as Error).message),
];

/**
 * Live notifications (DESIGN.md): graphql-ws on the router's own `/graphql`. The socket
 * authenticates in `connection_init`; each subscription is validated with the same limits as HTTP
 * and its variables checked, then streamed from the owning subgraph (`proxy.ts`): relayed as the
 * subgraph sends it when that subgraph can answer the whole selection, otherwise streamed as ids
 * with every item read back through the gateway with the subscriber's token so fields of other
 * subgraphs resolve.
 */
export const attachSubscriptions: AttachWebSocket = (seam) => {
  const canForward = createForwardingCheck(seam.supergraphSdl);
  const wss = new WebSocketServer({ server: seam.httpServer, path: seam.path });
  const server = useServer<Record<string, unknown>, Extra>(
    {
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        const auth = await authenticateSocket(ctx.connectionParams, seam.verifyToken);
        if (!auth.ok) {
          socket.close(auth.code, auth.reason);
          return false;
        }
        const { viewer, token } = auth;
        const requestId = randomUUID();
        const state: SocketState = {
          viewer,
          authorization: `Bearer ${token}`,
          upstreams: new Map(),
          context: {
            requestId,
            clientIp: ctx.extra.request.socket.remoteAddress,
            viewer,
            authorization: `Bearer ${token}`,
            logger: seam.logger.child({ requestId, userId: viewer.userId, transport: 'ws' }),
            accessLog: {},
          },
        };
        // An expired token must not keep a socket alive: close with 4401 so the client refreshes.
        state.expiry = closeAtExpiry(socket, auth.expiresAt);
        (ctx.extra as Extra).state = state;
        seam.sockets?.track(ctx);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const state = (ctx.extra as Extra).state;
        const schema = seam.apiSchema();
        if (!state || !schema) return [new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The router is not ready yet.')];
        let document;
        try {
          document = parse(payload.query, seam.hardening.parseOptions);
        } catch (error) {
          return asErrors(error);
        }
        const errors = seam.hardening.validate(schema, document);
        if (errors.length > 0) return errors;
        // Checked here, not per item: a forwarded subscription would otherwise get the subgraph's
        // uncoded error and a read-back one an error on every item instead of one at the start.
        const operation = getOperationAST(document, payload.operationName);
        const coerced = operation && getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced?.errors) return coerced.errors.map((error) => new AppError(ErrorCode.BAD_USER_INPUT, error.message));
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: state,
        } satisfies ExecutionArgs;
      },
      execute: async (args) => {
        const state = args.contextValue as SocketState;
        const result = await seam.execute(
          {
            query: print(args.document),
            variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
            operationName: args.operationName ?? undefined,
          },
          state.context,
        );
        return result as never;
      },
      // graphql-ws types results with GraphQLError objects; relayed ones are already plain JSON.
      subscribe: (args) => proxySubscription(seam, canForward, args) as never,
      // Results come formatted from the gateway or a subgraph, so their errors are plain JSON with no
      // toJSON() for graphql-ws's default to call; sent as they are, they serialize the same.
      onNext: (_ctx, _id, _payload, _args, result) => result as never,
      onClose: (ctx) => {
        seam.sockets?.untrack(ctx);
        const state = (ctx.extra as Extra).state;
        if (!state) return;
        clearTimeout(state.expiry);
        for (const client of state.upstreams.values()) void client.dispose();
      },
    },
    wss,
  );

  return {
    close: async () => {
      for (const socket of wss.clients) socket.close(1001, 'Server is shutting down.');
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
};
