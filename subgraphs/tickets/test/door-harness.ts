/**
 * The tickets subgraph as a running server for the door-staff and export tests: real PostgreSQL,
 * the events and users services' internal reads as stubs that keep their contracts, real tokens.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createMemoryCache } from '@sbor/cache';
import { HeaderNames, type Role } from '@sbor/core';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import { startTokenIssuer, type TokenIssuer } from '@sbor/testing';
import type { DirectoryUser } from '../src/clients/users.js';
import { ticketsSettings } from '../src/config.js';
import { ticketsSubgraph } from '../src/subgraph.js';
import { openTestDatabase, ROUTER_SECRET, startEventsStub, testLogger, type EventsStub, type TestDatabase } from './support.js';

/**
 * `POST /internal/users/by-email` and `/internal/users/names` behind the router secret, as
 * users/src/http/internal-users.ts answers them: by-email ignores case, names leaves unknown ids out.
 */
export async function startUsersStub() {
  const byEmail = new Map<string, DirectoryUser>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.headers[HeaderNames.routerSecret] !== ROUTER_SECRET) return void res.writeHead(401).end();
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { email?: string; ids?: string[] };
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (req.url === '/internal/users/by-email') {
      const user = byEmail.get(String(body.email).trim().toLowerCase());
      return void (user ? json(200, user) : json(404, { error: 'NOT_FOUND' }));
    }
    if (req.url === '/internal/users/names') {
      const wanted = new Set(body.ids ?? []);
      return void json(200, { users: [...byEmail.values()].filter((u) => wanted.has(u.id)) });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Signs someone up: their id, findable by this address. */
    add(email: string, displayName = email.split('@')[0]!): DirectoryUser {
      const user = { id: randomUUID(), displayName };
      byEmail.set(email.toLowerCase(), user);
      return user;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface GraphQLAnswer {
  status: number;
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

export interface TicketsService {
  base: string;
  events: EventsStub;
  users: Awaited<ReturnType<typeof startUsersStub>>;
  issuer: TokenIssuer;
  database: TestDatabase;
  /** A GraphQL call as the router makes it: with its secret and, for a user, their token. */
  gql(query: string, variables?: Record<string, unknown>, as?: { userId: string; role?: Role }): Promise<GraphQLAnswer>;
  /** A published event with a free ticket type on sale; its organizer holds an ORGANIZER token. */
  eventOnSale(): Promise<{ eventId: string; organizer: { userId: string; role: Role }; typeId: string }>;
  stop(): Promise<void>;
}

export async function startTicketsService(prefix: string, env: Record<string, string> = {}): Promise<TicketsService> {
  const database = await openTestDatabase(prefix);
  const events = await startEventsStub();
  const users = await startUsersStub();
  const issuer = await startTokenIssuer();
  const bus: MemoryBus = createMemoryBus({ logger: testLogger });
  const settings = ticketsSettings.load({
    ROUTER_SECRET,
    TICKETS_PORT: '0',
    EVENTS_INTERNAL_URL: events.url,
    USERS_INTERNAL_URL: users.url,
    ...env,
  });
  const server: RunningSubgraph<unknown> = await startSubgraph(ticketsSubgraph, settings, {
    database: database.pools[0]!,
    cache: createMemoryCache(),
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  });

  const gql: TicketsService['gql'] = async (query, variables = {}, as) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', [HeaderNames.routerSecret]: ROUTER_SECRET };
    if (as) headers.authorization = `Bearer ${await issuer.token(as.userId, as.role)}`;
    const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return { status: response.status, ...((await response.json()) as object) };
  };

  const eventOnSale: TicketsService['eventOnSale'] = async () => {
    const event = events.add();
    const organizer = { userId: event.organizerId, role: 'ORGANIZER' as Role };
    const created = await gql(
      `mutation($eventId: ID!, $input: CreateTicketTypeInput!) { createTicketType(eventId: $eventId, input: $input) { id } }`,
      {
        eventId: event.id,
        input: {
          name: 'Standard',
          priceCents: 0,
          currency: 'EUR',
          quantity: 1000,
          salesStart: new Date(Date.now() - 60_000).toISOString(),
          salesEnd: event.endsAt.toISOString(),
        },
      },
      organizer,
    );
    if (!created.data?.createTicketType) throw new Error(`createTicketType failed: ${JSON.stringify(created.errors)}`);
    return { eventId: event.id, organizer, typeId: created.data.createTicketType.id as string };
  };

  return {
    base: server.url.replace(/\/graphql$/, ''),
    events,
    users,
    issuer,
    database,
    gql,
    eventOnSale,
    stop: async () => {
      await server.stop();
      await bus.close();
      await issuer.close();
      await users.close();
      await events.close();
      await database.close();
    },
  };
}
