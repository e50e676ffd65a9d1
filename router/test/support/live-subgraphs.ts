import { EventEmitter, on } from 'node:events';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const schemaOf = (name: string) => fileURLToPath(new URL(`../../../subgraphs/${name}/schema.graphql`, import.meta.url));

/** A notification as the fake notifications subgraph stores it; `failWith` makes resolving it fail. */
export interface FakeNotification {
  id: string;
  type: string;
  title: string;
  body: string;
  read: boolean;
  createdAt: string;
  eventId: string | null;
  ticketId: string | null;
  failWith?: 'FORBIDDEN' | 'UNEXPECTED';
}

export interface LiveSubgraphs {
  notificationsUrl: string;
  eventsUrl: string;
  /** Queries that reached each subgraph over HTTP (the gateway's fetches), oldest first. */
  httpQueries: { notifications: string[]; events: string[] };
  /** Open `notificationAdded` subscriptions on the notifications subgraph. */
  listeners: () => number;
  publish: (notification: FakeNotification) => void;
  stop: () => Promise<void>;
}

/**
 * The real notifications and events schemas on real @apollo/subgraph servers, answering from
 * memory: notifications streams `notificationAdded` over graphql-ws on /graphql (router secret
 * required) and reads by id over HTTP; events resolves `Event.title` for references (ids starting
 * with `gone` are NOT_FOUND). Which HTTP queries arrived shows whether the router read an item back
 * through the gateway.
 */
export async function startLiveSubgraphs(routerSecret: string): Promise<LiveSubgraphs> {
  const feed = new EventEmitter();
  const stored = new Map<string, FakeNotification>();
  const delivered = (notification: FakeNotification) => {
    if (notification.failWith === 'FORBIDDEN') throw new GraphQLError('Not yours.', { extensions: { code: 'FORBIDDEN' } });
    if (notification.failWith === 'UNEXPECTED') throw new Error('redis://admin:hunter2@10.0.0.1 timed out');
    return notification;
  };
  const notificationsSchema = buildSubgraphSchema([
    {
      typeDefs: parse(readFileSync(schemaOf('notifications'), 'utf8')),
      resolvers: {
        Query: { notification: (_: unknown, { id }: { id: string }) => stored.get(id) ?? null },
        Subscription: {
          notificationAdded: {
            subscribe: () => on(feed, 'added'),
            resolve: ([notification]: [FakeNotification]) => delivered(notification),
          },
        },
        Notification: {
          __resolveReference: ({ id }: { id: string }) => stored.get(id) ?? null,
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
          __resolveReference: ({ id }: { id: string }) => {
            if (id.startsWith('gone')) throw new GraphQLError('Event not found.', { extensions: { code: 'NOT_FOUND' } });
            return { id, title: `Event ${id}` };
          },
        },
      } as never,
    },
  ]);

  const notifications = await serve(notificationsSchema, routerSecret, { webSocket: true });
  const events = await serve(eventsSchema, routerSecret, { webSocket: false });
  return {
    notificationsUrl: notifications.url,
    eventsUrl: events.url,
    httpQueries: { notifications: notifications.queries, events: events.queries },
    listeners: () => feed.listenerCount('added'),
    publish: (notification) => {
      stored.set(notification.id, notification);
      feed.emit('added', notification);
    },
    stop: async () => {
      await notifications.stop();
      await events.stop();
    },
  };
}

async function serve(schema: GraphQLSchema, routerSecret: string, options: { webSocket: boolean }) {
  const queries: string[] = [];
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  app.use('/graphql', express.json(), (req, res, next) => {
    queries.push(String(req.body?.query ?? ''));
    if (req.headers['router-authorization'] !== routerSecret) res.status(401).json({ errors: [{ message: 'Router only.' }] });
    else next();
  });
  app.use('/graphql', expressMiddleware(apollo));

  const wss = options.webSocket ? new WebSocketServer({ server: httpServer, path: '/graphql' }) : undefined;
  const ws =
    wss &&
    useServer(
      {
        schema,
        // Like the real subgraph: only the router may open a socket, and only with a user's token.
        onConnect: (ctx) =>
          ctx.connectionParams?.['router-authorization'] === routerSecret && typeof ctx.connectionParams.authorization === 'string',
      },
      wss,
    );

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    queries,
    stop: async () => {
      await ws?.dispose();
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
