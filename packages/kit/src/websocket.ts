import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { parse, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { authenticateSocket, authenticateSubscription, CloseCodes, type TokenVerifier } from '@sbor/auth';
import {
  AppError,
  createErrorFormatter,
  ErrorCode,
  LiveExtensions,
  SendBudget,
  SocketCounter,
  SocketUpkeep,
  websocketMetrics,
  type Logger,
  type ServiceMetrics,
  type Viewer,
  type WebSocketLimits,
} from '@sbor/core';
import type { ResumePoint } from './live-feed.js';
import { subscribeLive, type LiveStreamOptions } from './live-stream.js';

export interface GraphqlWsOptions<Ctx> {
  httpServer: http.Server;
  schema: GraphQLSchema;
  logger: Logger;
  routerSecret: string;
  verify: TokenVerifier;
  /** `viewer` is null for a subscription the router sent without a token: a public field serves it, the rest refuse. */
  context: (viewer: Viewer | null, requestId: string, resume: ResumePoint) => Ctx;
  metrics: ServiceMetrics;
  limits: WebSocketLimits;
}

type ConnectionState = {
  socket: WebSocket;
  request: http.IncomingMessage;
  /** The router's one connection for all its subscribers; each subscription names its own. */
  multiplexed?: boolean;
  /** The user of a socket that authenticated with a token. */
  viewer?: Viewer;
  budget?: SendBudget;
};

type SocketContext = Context<Record<string, unknown> | undefined, ConnectionState>;

/** How often sockets are pinged; one that did not answer the last ping is dropped (graphql-ws's default). */
const KEEP_ALIVE_MS = 12_000;

/** Distinct operation texts whose parse and validation are remembered; the router sends a handful. */
const MAX_DOCUMENTS = 500;

/**
 * graphql-ws on the subgraph's own HTTP server at /graphql, for the router. Two kinds of socket:
 * - the router's multiplexed connection: `connection_init` carries the router secret and
 *   `multiplexed: true`, no user. Every subscribe carries its subscriber's token in
 *   `extensions.authorization`, verified like any token; a bad one refuses that subscription alone
 *   (UNAUTHENTICATED), and the subscription ends with UNAUTHENTICATED when the token expires. One
 *   without a token is anonymous, as an HTTP request without one: public fields serve it, and the
 *   rest refuse it with UNAUTHENTICATED as they would over HTTP. `extensions.resumeAfter` replays
 *   what the subscriber missed (`live-feed.ts`).
 * - a socket of one user (router secret plus the user's token in `connection_init`), closed with
 *   4401 the moment that token expires.
 * Both are bounded by `limits` (frame size, `connection_init` timeout, sockets per user and per
 * address, subscriptions per socket, send queue); the multiplexed socket is exempt from the
 * per-socket ones, since it carries the whole router.
 */
export function serveGraphqlWs<Ctx>(options: GraphqlWsOptions<Ctx>): { close: () => Promise<void> } {
  const { logger, limits } = options;
  const formatError = createErrorFormatter(logger);
  const sockets = websocketMetrics(options.metrics);
  const perIp = new SocketCounter(limits.maxSocketsPerIp);
  const perUser = new SocketCounter(limits.maxSocketsPerUser);
  const refused = new WeakSet<WebSocket>();
  const addresses = new WeakMap<WebSocket, string>();
  const streams = new WeakMap<object, LiveStreamOptions>();
  const documents = documentCache(options.schema);
  // A socket of one user closes with 4401 when its token expires; pings keep every socket honest.
  const upkeep = new SocketUpkeep({
    keepAliveMs: KEEP_ALIVE_MS,
    onExpired: (socket) => (socket as WebSocket).close(CloseCodes.unauthorized, 'Unauthorized: token expired'),
  });

  // `maxPayload`: ws reads a frame's length from its header and closes with 1009 before reading the rest.
  const wss = new WebSocketServer({ server: options.httpServer, path: '/graphql', maxPayload: limits.maxPayloadBytes });
  // Before graphql-ws sees the socket: an address over its cap is closed before anything is read.
  wss.on('connection', (socket, request) => {
    const ip = request.socket.remoteAddress ?? 'unknown';
    addresses.set(socket, ip);
    if (!perIp.tryOpen(ip)) {
      refused.add(socket);
      logger.info({ ip }, 'websocket refused: too many sockets from this address');
      socket.close(CloseCodes.tooManySockets, 'Too many sockets from this address');
    }
  });

  const server = useServer<Record<string, unknown> | undefined, ConnectionState>(
    {
      schema: options.schema,
      connectionInitWaitTimeout: limits.initTimeoutMs,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        if (refused.has(socket)) return false;
        const auth = await authenticateSocket(ctx.connectionParams, options.verify, options.routerSecret);
        if (!auth.ok) {
          logger.info({ code: auth.code, reason: auth.reason }, 'websocket connection refused');
          socket.close(auth.code, auth.reason);
          return false;
        }
        if (auth.multiplexed) {
          ctx.extra.multiplexed = true;
          upkeep.watch(socket);
        } else {
          if (!perUser.tryOpen(auth.viewer.userId)) {
            socket.close(CloseCodes.tooManySockets, 'Too many sockets for this user');
            return false;
          }
          ctx.extra.viewer = auth.viewer;
          ctx.extra.budget = new SendBudget(socket, limits.maxBufferedBytes);
          upkeep.watch(socket, auth.expiresAt);
        }
        sockets.track(ctx);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        const { extra } = ctx;
        if (!extra.multiplexed && Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
          return [tooManySubscriptions(limits.maxSubscriptionsPerSocket)];
        }
        const subscriber = await subscriberOf(ctx, payload.extensions ?? undefined);
        if (subscriber instanceof AppError) return [subscriber];
        const { document, errors } = documents(payload.query);
        if (errors.length > 0) return errors;
        const resume: ResumePoint = {
          after: resumeCursors(payload.extensions?.[LiveExtensions.resumeAfter]),
          announcePosition: extra.multiplexed === true,
        };
        const contextValue = options.context(subscriber.viewer, randomUUID(), resume) as object;
        streams.set(contextValue, {
          expiresAt: subscriber.expiresAt,
          budget: extra.budget,
          onOverflow: () => {
            if (extra.socket.readyState !== extra.socket.OPEN) return;
            logger.info({ userId: subscriber.viewer?.userId }, 'websocket closed: the client does not read what it is sent');
            extra.socket.close(CloseCodes.slowConsumer, 'Too slow: the client did not read its messages');
          },
        });
        return {
          schema: options.schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue,
        } satisfies ExecutionArgs;
      },
      subscribe: (args) => subscribeLive(args, streams.get(args.contextValue as object)),
      onClose: (ctx) => {
        const { socket, viewer } = ctx.extra;
        upkeep.unwatch(socket);
        if (viewer) perUser.close(viewer.userId);
        if (!refused.has(socket)) perIp.close(addresses.get(socket)!);
        sockets.untrack(ctx);
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e)),
    },
    wss,
    // Keep-alive pings come from `upkeep`, one timer for every socket, instead of one each.
    0,
  );
  // After graphql-ws's own listener: it prints every socket error to the console, and a frame over
  // the limit or a protocol violation from a client is an expected refusal (ws has closed the
  // socket with 1009 or 1002 already), worth a log line, not a stack trace.
  const refusedFrame = (error: Error & { code?: string }) =>
    logger.info({ code: error.code, reason: error.message }, 'websocket refused a frame');
  wss.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', refusedFrame);
  });

  /** Who a subscription speaks for: the socket's user, or on the multiplexed socket, the token it carries (or nobody). */
  async function subscriberOf(ctx: SocketContext, extensions: Record<string, unknown> | undefined) {
    if (!ctx.extra.multiplexed) return { viewer: ctx.extra.viewer!, expiresAt: undefined };
    if (extensions?.[LiveExtensions.authorization] === undefined) return { viewer: null, expiresAt: undefined };
    const auth = await authenticateSubscription(extensions, options.verify);
    return auth.ok ? auth : auth.error;
  }

  return {
    close: async () => {
      await server.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      upkeep.stop();
    },
  };
}

/** Cursors held by the subscriber a subscription resumes for; the router sends a few (`live-feed.ts`). */
const MAX_RESUME_CURSORS = 64;

/** `extensions.resumeAfter`: one cursor, or a list of them; anything else resumes nothing. */
function resumeCursors(value: unknown): string[] {
  const values = Array.isArray(value) ? value.slice(0, MAX_RESUME_CURSORS) : [value];
  return values.filter((v): v is string => typeof v === 'string' && v.length > 0);
}

function tooManySubscriptions(max: number) {
  return new AppError(ErrorCode.RATE_LIMITED, `A socket may hold ${max} subscriptions at once. Complete one first.`, {
    reason: 'MAX_SUBSCRIPTIONS_PER_SOCKET',
  });
}

/**
 * Parses and validates each distinct operation text once: every subscriber of a router sends the
 * same few, and a document per subscription would cost memory for as long as it is open.
 */
function documentCache(schema: GraphQLSchema) {
  const known = new Map<string, { document: DocumentNode; errors: readonly GraphQLError[] }>();
  return (query: string): { document: DocumentNode; errors: readonly GraphQLError[] } => {
    let entry = known.get(query);
    if (!entry) {
      let document: DocumentNode;
      try {
        document = parse(query);
      } catch (error) {
        return { document: { kind: 'Document', definitions: [] } as never, errors: [error as GraphQLError] };
      }
      entry = { document, errors: validate(schema, document, specifiedRules) };
      // Oldest first out: Map keeps insertion order, so this bounds memory without an LRU.
      if (known.size >= MAX_DOCUMENTS) known.delete(known.keys().next().value!);
      known.set(query, entry);
    }
    return entry;
  };
}
