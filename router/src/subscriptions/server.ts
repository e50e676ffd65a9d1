import type http from 'node:http';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  parse,
  print,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticateSocket, CloseCodes } from '@sbor/auth';
import { AppError, carriedContext, endSpan, ErrorCode, HeaderNames, SocketCounter, SocketUpkeep, SpanKind, startSpan } from '@sbor/core';
import type { AttachWebSocket, WebSocketSeam } from '../websocket.js';
import { ClientSocket } from './client-socket.js';
import { createLiveRouting, type LiveRouting } from './live.js';
import { LiveSubscription, type LiveSocket } from './proxy.js';

type SocketState = {
  live?: ClientSocket;
};

type Extra = { socket: WebSocket; request: http.IncomingMessage } & SocketState;

const asErrors = (error: unknown): GraphQLError[] => [
  error instanceof GraphQLError ? error : new AppError(ErrorCode.BAD_USER_INPUT, (error as Error).message),
];

/** How often idle sockets are pinged; one that did not answer the last ping is dropped (graphql-ws's default). */
const KEEP_ALIVE_MS = 12_000;

/** Distinct operation texts whose parse and validation are remembered. */
const MAX_DOCUMENTS = 500;

/**
 * Live notifications (DESIGN.md): graphql-ws on the router's own `/graphql`. The socket
 * authenticates in `connection_init` and closes with 4401 when its token expires; a socket that
 * sends no token is anonymous, as an HTTP request without one, and may watch public fields only
 * (`ticketAvailabilityChanged`): the subgraph refuses it the rest with UNAUTHENTICATED. Each
 * subscription is validated with the same limits as HTTP and its variables checked, planned with
 * the federation query planner, and served over the router's one multiplexed connection to the
 * streaming subgraph (`proxy.ts`, `upstream.ts`).
 *
 * Hardening (README, "Live notifications"): frames over the HTTP body limit are refused by `ws`
 * from their header (1009); a socket without `connection_init` in time is closed (4408); sockets
 * past the cap per user or per client address are closed (4029); a subscription past the cap per
 * socket is refused (RATE_LIMITED); a client that does not read is closed (4008).
 */
export const attachSubscriptions: AttachWebSocket = (seam) => {
  const { limits } = seam;
  const routing = createLiveRouting(seam);
  const perIp = new SocketCounter(limits.maxSocketsPerIp);
  const perUser = new SocketCounter(limits.maxSocketsPerUser);
  const refused = new WeakSet<WebSocket>();
  const addresses = new WeakMap<WebSocket, string>();
  const documents = documentCache(seam);
  // An expired token must not keep a socket alive: 4401, so the client refreshes and reconnects.
  const upkeep = new SocketUpkeep({
    keepAliveMs: KEEP_ALIVE_MS,
    onExpired: (socket) => (socket as WebSocket).close(CloseCodes.unauthorized, 'Unauthorized: token expired'),
  });

  const wss = new WebSocketServer({ server: seam.httpServer, path: seam.path, maxPayload: limits.maxPayloadBytes });
  // Before graphql-ws sees the socket: an address over its cap is closed before anything is read.
  wss.on('connection', (socket, request) => {
    const ip = seam.clientIp(request) ?? 'unknown';
    addresses.set(socket, ip);
    if (!perIp.tryOpen(ip)) {
      refused.add(socket);
      seam.logger.info({ ip }, 'websocket refused: too many sockets from this address');
      socket.close(CloseCodes.tooManySockets, 'Too many sockets from this address');
    }
  });

  const server = useServer<Record<string, unknown>, SocketState>(
    {
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async (ctx) => {
        const extra = ctx.extra as Extra;
        const { socket } = extra;
        if (refused.has(socket)) return false;
        const auth = anonymous(ctx.connectionParams)
          ? ({ ok: true, multiplexed: false, viewer: null, token: undefined, expiresAt: undefined } as const)
          : await authenticateSocket(ctx.connectionParams, seam.verifyToken);
        if (!auth.ok || auth.multiplexed) {
          if (!auth.ok) socket.close(auth.code, auth.reason);
          return false;
        }
        const { viewer, token } = auth;
        // Anonymous sockets count against their address only.
        if (viewer && !perUser.tryOpen(viewer.userId)) {
          socket.close(CloseCodes.tooManySockets, 'Too many sockets for this user');
          return false;
        }
        const authorization = token === undefined ? undefined : `Bearer ${token}`;
        extra.live = new ClientSocket(socket, viewer, authorization, addresses.get(socket), seam.logger, limits.maxBufferedBytes);
        // Held for as long as the socket is open, and not needed again: the upgrade request (its
        // headers) and the `connection_init` payload (a second copy of the token).
        extra.request = undefined as never;
        (ctx as { connectionParams?: unknown }).connectionParams = undefined;
        upkeep.watch(socket, auth.expiresAt);
        seam.sockets?.track(ctx);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const live = (ctx.extra as Extra).live;
        const schema = seam.apiSchema();
        if (!live || !schema) return [new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'The router is not ready yet.')];
        const refused = seam.refuseOperation?.(payload.query);
        if (refused) return [refused];
        // graphql-ws has put this one in `subscriptions` already.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
          return [tooManySubscriptions(limits.maxSubscriptionsPerSocket)];
        }
        const { document, errors } = documents(schema, payload.query);
        if (!document) return errors;
        // Checked here, not per item: the subgraph would otherwise answer with an uncoded error.
        const operation = getOperationAST(document, payload.operationName);
        const coerced = operation && getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {});
        if (coerced?.errors) return coerced.errors.map((error) => new AppError(ErrorCode.BAD_USER_INPUT, error.message));
        const args = {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
        };
        if (operation?.operation !== OperationTypeNode.SUBSCRIPTION) return { ...args, contextValue: live };
        const planned = planSubscription(seam, routing, live, schema, payload.query, args);
        return planned instanceof GraphQLError ? [planned] : { ...args, contextValue: planned };
      },
      // Queries and mutations sent over the socket run through the gateway like HTTP ones.
      execute: async (args) => {
        const live = args.contextValue as LiveSocket;
        const result = await seam.execute(
          {
            query: print(args.document),
            variables: (args.variableValues ?? undefined) as Record<string, unknown> | undefined,
            operationName: args.operationName ?? undefined,
          },
          live.context,
        );
        return result as never;
      },
      // graphql-ws types results with GraphQLError objects; relayed ones are already plain JSON.
      subscribe: (args) => (args.contextValue as LiveSubscription).start() as never,
      // Results come formatted from the gateway or a subgraph, so their errors are plain JSON with no
      // toJSON() for graphql-ws's default to call; sent as they are, they serialize the same.
      onNext: (ctx, id, _payload, _args, result) => {
        const live = (ctx.extra as Extra).live;
        if (live?.budget.overflowing()) live.closeSlow();
        tracedSend(result, id);
        return result as never;
      },
      // A subscription that failed while streaming: masked like any other error at the edge.
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => seam.formatError(error.toJSON(), error)),
      onClose: (ctx) => {
        const { socket, live } = ctx.extra as Extra;
        seam.sockets?.untrack(ctx);
        upkeep.unwatch(socket);
        if (live?.viewer) perUser.close(live.viewer.userId);
        if (!refused.has(socket)) perIp.close(addresses.get(socket)!);
      },
    },
    wss,
    // Keep-alive pings come from `upkeep`, one timer for every socket, instead of one each.
    0,
  );
  // After graphql-ws's own listener: it prints every socket error to the console, and a frame over
  // the limit or a protocol violation from a client is an expected refusal (ws has closed the
  // socket with 1009 or 1002 already), worth a log line, not a stack trace.
  const refusedFrame = (error: Error & { code?: string }) =>
    seam.logger.info({ code: error.code, reason: error.message }, 'websocket refused a frame');
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', refusedFrame);
  });

  return {
    close: async () => {
      for (const socket of wss.clients) socket.close(1001, 'Server is shutting down.');
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      upkeep.stop();
      routing.close();
    },
  };
};

/**
 * With tracing on, an item that came with a trace (a purchase's notification) ends it here: the
 * `websocket send` span marks its hand-off to the client's socket, which graphql-ws writes next.
 */
function tracedSend(result: object, id: string): void {
  const parent = carriedContext(result);
  if (parent) endSpan(startSpan('websocket send', { parent, kind: SpanKind.PRODUCER, attributes: { 'graphql.ws.subscription.id': id } }));
}

/** Plans a client subscription and picks its upstream; the error that refuses it otherwise. */
function planSubscription(
  seam: WebSocketSeam,
  routing: LiveRouting,
  socket: LiveSocket,
  schema: GraphQLSchema,
  query: string,
  args: { document: DocumentNode; variableValues: Record<string, unknown> | undefined; operationName: string | undefined },
): LiveSubscription | GraphQLError {
  let plan;
  try {
    plan = routing.plan(query, args.document, args.operationName);
  } catch (error) {
    if (error instanceof AppError) return error;
    socket.context.logger.error({ err: error }, 'could not plan a subscription');
    return new AppError(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side. Please try again.');
  }
  const upstream = routing.upstream(plan.subgraph);
  if (!upstream) return new AppError(ErrorCode.SERVICE_UNAVAILABLE, `The ${plan.subgraph} service is not configured.`);
  const resolveItem = routing.itemResolver(plan, args.document, args.operationName, schema);
  return new LiveSubscription(socket, plan, upstream, resolveItem, args.variableValues, seam.formatError);
}

/** A `connection_init` without a token at all (a bad one is still refused with 4401). */
function anonymous(params: Readonly<Record<string, unknown>> | undefined): boolean {
  return params?.[HeaderNames.authorization] === undefined && params?.Authorization === undefined;
}

function tooManySubscriptions(max: number) {
  return new AppError(ErrorCode.RATE_LIMITED, `A socket may hold ${max} subscriptions at once. Complete one first.`, {
    reason: 'MAX_SUBSCRIPTIONS_PER_SOCKET',
  });
}

/**
 * Parses and validates each distinct operation text once, with the HTTP limits: ten thousand
 * sockets subscribing with the same document share one parsed copy instead of holding one each.
 */
function documentCache(seam: WebSocketSeam) {
  const known = new Map<string, { schema: GraphQLSchema; document: DocumentNode | undefined; errors: readonly GraphQLError[] }>();
  return (schema: GraphQLSchema, query: string) => {
    const hit = known.get(query);
    if (hit?.schema === schema) return hit;
    let entry: { schema: GraphQLSchema; document: DocumentNode | undefined; errors: readonly GraphQLError[] };
    try {
      const document = parse(query, seam.hardening.parseOptions);
      const errors = seam.hardening.validate(schema, document);
      entry = { schema, document: errors.length > 0 ? undefined : document, errors };
    } catch (error) {
      return { schema, document: undefined, errors: asErrors(error) };
    }
    // Oldest first out: Map keeps insertion order, so this bounds memory without an LRU.
    if (known.size >= MAX_DOCUMENTS) known.delete(known.keys().next().value!);
    known.set(query, entry);
    return entry;
  };
}
