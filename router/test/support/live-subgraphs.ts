import { EventEmitter } from 'node:events';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import type { TokenVerifier } from '@sbor/auth';
import { AsyncQueue, createLogger, createServiceMetrics, DEFAULT_WEBSOCKET_LIMITS, type Viewer, type WebSocketLimits } from '@sbor/core';
import { resumableFeed, serveGraphqlWs, type ResumableSource, type ResumePoint } from '@sbor/kit';

const schemaOf = (name: string) => fileURLToPath(new URL(`../../../subgraphs/${name}/schema.graphql`, import.meta.url));

/** A notification as the fake notifications subgraph stores it; `failWith` makes resolving it fail. */
export interface FakeNotification {
  id: string;
  /** Whose it is; a notification without one goes to every subscriber. */
  userId?: string;
  type: string;
  title: string;
  body: string;
  read: boolean;
  createdAt: string;
  eventId: string | null;
  ticketId: string | null;
  failWith?: 'FORBIDDEN' | 'UNEXPECTED';
}

type Stored = FakeNotification & { seq: number };

export interface LiveSubgraphs {
  notificationsUrl: string;
  eventsUrl: string;
  /** Queries that reached each subgraph over HTTP (the gateway's fetches), oldest first. */
  httpQueries: { notifications: string[]; events: string[] };
  /** Open `notificationAdded` subscriptions on the notifications subgraph. */
  listeners: () => number;
  /** Open graphql-ws sockets on the notifications subgraph. */
  sockets: () => number;
  /** Who each subscription started on the notifications subgraph named, in order, and what it resumed after. */
  subscribers: { userId: string; resumeAfter: readonly string[] }[];
  /** Stores the notification and publishes it to its user's live subscribers (everyone's without a user). */
  publish: (notification: FakeNotification) => void;
  /** Stores it without publishing, as a notification created while a subscriber was away. */
  store: (notification: FakeNotification) => void;
  /** Cuts every graphql-ws socket of the notifications subgraph, as a network failure would. */
  dropSockets: () => void;
  stop: () => Promise<void>;
}

/**
 * The real notifications and events schemas on real @apollo/subgraph servers, answering from
 * memory. Notifications streams `notificationAdded` over the kit's own graphql-ws server (the
 * router's multiplexed connection, per-subscription tokens, resume cursors: the seq, as a string),
 * and events resolves `Event.title` for references (ids starting with `gone` are NOT_FOUND; those
 * starting with `draft` only for a caller with a token). The HTTP queries each received show what
 * the router fetched.
 */
export async function startLiveSubgraphs(
  routerSecret: string,
  verify: TokenVerifier,
  limits: WebSocketLimits = DEFAULT_WEBSOCKET_LIMITS,
): Promise<LiveSubgraphs> {
  const feed = new EventEmitter();
  feed.setMaxListeners(0);
  const stored: Stored[] = [];
  let seq = 0;
  const subscribers: LiveSubgraphs['subscribers'] = [];
  const visibleTo = (userId: string) => (n: FakeNotification) => n.userId === undefined || n.userId === userId;
  const delivered = (notification: FakeNotification) => {
    if (notification.failWith === 'FORBIDDEN') throw new GraphQLError('Not yours.', { extensions: { code: 'FORBIDDEN' } });
    if (notification.failWith === 'UNEXPECTED') throw new Error('redis://admin:hunter2@10.0.0.1 timed out');
    return notification;
  };
  const sourceFor = (userId: string): ResumableSource<Stored> => ({
    live: async () => {
      const queue = new AsyncQueue<Stored>(() => void feed.off('added', listener));
      const listener = (n: Stored) => visibleTo(userId)(n) && queue.push(n);
      feed.on('added', listener);
      return queue;
    },
    after: async (cursor, limit) =>
      stored
        .filter(visibleTo(userId))
        .filter((n) => n.seq > Number(cursor))
        .slice(0, limit),
    position: async () => String(Math.max(0, ...stored.filter(visibleTo(userId)).map((n) => n.seq))),
    oldest: (cursors) => String(Math.min(...cursors.map(Number))),
    cursorOf: (n) => String(n.seq),
    idOf: (n) => n.id,
  });

  const notificationsSchema = buildSubgraphSchema([
    {
      typeDefs: parse(readFileSync(schemaOf('notifications'), 'utf8')),
      resolvers: {
        Query: { notification: (_: unknown, { id }: { id: string }) => stored.find((n) => n.id === id) ?? null },
        Subscription: {
          notificationAdded: {
            subscribe: (_: unknown, _args: unknown, { viewer, resume }: { viewer: Viewer | null; resume: ResumePoint }) => {
              if (!viewer) throw new GraphQLError('Sign in first.', { extensions: { code: 'UNAUTHENTICATED' } });
              subscribers.push({ userId: viewer.userId, resumeAfter: resume.after });
              return resumableFeed(sourceFor(viewer.userId), resume);
            },
            resolve: (notification: FakeNotification) => delivered(notification),
          },
        },
        Notification: {
          __resolveReference: ({ id }: { id: string }) => stored.find((n) => n.id === id) ?? null,
          event: (n: FakeNotification) => (n.eventId ? { id: n.eventId } : null),
          ticket: (n: FakeNotification) => (n.ticketId ? { id: n.ticketId } : null),
        },
      } as never,
    },
  ]);
  const eventsSchema = buildSubgraphSchema([
    {
      typeDefs: parse(readFileSync(schemaOf('events'), 'utf8')),
      resolvers: {
        Event: {
          __resolveReference: ({ id }: { id: string }, { signedIn }: { signedIn: boolean }) => {
            if (id.startsWith('gone')) throw new GraphQLError('Event not found.', { extensions: { code: 'NOT_FOUND' } });
            if (id.startsWith('draft') && !signedIn) return null;
            return { id, title: `Event ${id}` };
          },
        },
      } as never,
    },
  ]);

  const notifications = await serve(notificationsSchema, routerSecret);
  const events = await serve(eventsSchema, routerSecret);
  const ws = serveGraphqlWs({
    httpServer: notifications.httpServer,
    schema: notificationsSchema,
    logger: createLogger('fake-notifications', 'silent'),
    routerSecret,
    verify,
    context: (viewer, _requestId, resume) => ({ viewer, resume }),
    metrics: createServiceMetrics('fake-notifications'),
    limits,
  });
  const store = (notification: FakeNotification) => {
    const entry = { ...notification, seq: ++seq };
    stored.push(entry);
    return entry;
  };
  return {
    notificationsUrl: notifications.url,
    eventsUrl: events.url,
    httpQueries: { notifications: notifications.queries, events: events.queries },
    listeners: () => feed.listenerCount('added'),
    sockets: () => notifications.upgrades.size,
    subscribers,
    publish: (notification) => feed.emit('added', store(notification)),
    store: (notification) => void store(notification),
    dropSockets: () => {
      for (const socket of notifications.upgrades) socket.destroy();
    },
    stop: async () => {
      await ws.close();
      await notifications.stop();
      await events.stop();
    },
  };
}

async function serve(schema: GraphQLSchema, routerSecret: string) {
  const queries: string[] = [];
  const app = express();
  const httpServer = http.createServer(app);
  const upgrades = new Set<import('node:stream').Duplex>();
  httpServer.on('upgrade', (_request, socket) => {
    upgrades.add(socket);
    socket.once('close', () => upgrades.delete(socket));
  });
  const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  app.use('/graphql', express.json(), (req, res, next) => {
    queries.push(String(req.body?.query ?? ''));
    if (req.headers['router-authorization'] !== routerSecret) res.status(401).json({ errors: [{ message: 'Router only.' }] });
    else next();
  });
  app.use('/graphql', expressMiddleware(apollo, { context: async ({ req }) => ({ signedIn: Boolean(req.headers.authorization) }) }));

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    httpServer,
    queries,
    upgrades,
    stop: async () => {
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
