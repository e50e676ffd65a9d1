/**
 * The tickets subgraph served over HTTP in either runtime mode, for the voucher, waiting-list and
 * question tests: `full` on a scratch PostgreSQL database, `embedded` on an in-memory PGlite. Tokens
 * are real, the events service is the HTTP stub, and the upkeep pass runs every 100 ms so a hold
 * the test ends (`expireHold`) is swept, and its stock offered, as it would be in production.
 */
import { sql } from 'drizzle-orm';
import type { PGlite } from '@electric-sql/pglite';
import { createMemoryCache } from '@sbor/cache';
import type { Role } from '@sbor/core';
import { createScratchDatabase, databaseOnPglite, databaseOnPostgres, openEmbeddedPostgres, type Database } from '@sbor/db';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import { startTokenIssuer, type TokenIssuer } from '@sbor/testing';
import { ticketsSettings } from '../src/config.js';
import { ticketsSubgraph } from '../src/subgraph.js';
import { ROUTER_SECRET, startEventsStub, testLogger, type EventsStub } from './support.js';

export type RuntimeMode = 'full' | 'embedded';
export const MODES: RuntimeMode[] = ['full', 'embedded'];

export interface GqlAnswer {
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

/** A signed-in caller: a user id (a plain USER), or a user id with the role its token carries. */
export type Caller = string | { userId: string; role?: Role };

export interface TicketsService {
  stub: EventsStub;
  database: Database;
  gql(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<GqlAnswer>;
  /** The data, or throws with the errors: for steps that must succeed. */
  ok(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The first error's extensions (code included), or undefined when the call succeeded. */
  refusal(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<Record<string, unknown> | undefined>;
  /** Ends an order's hold now, as if its time ran out; the upkeep pass sweeps it within ~100 ms. */
  expireHold(orderId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startTicketsService(mode: RuntimeMode, prefix: string): Promise<TicketsService> {
  const stub = await startEventsStub();
  const issuer: TokenIssuer = await startTokenIssuer();
  const bus: MemoryBus = createMemoryBus({ logger: testLogger });
  let pglite: PGlite | undefined;
  let drop: (() => Promise<void>) | undefined;
  let database: Database;
  if (mode === 'embedded') {
    pglite = await openEmbeddedPostgres();
    database = databaseOnPglite(pglite);
  } else {
    const scratch = await createScratchDatabase(prefix);
    database = databaseOnPostgres(scratch.url, { max: 10, applicationName: prefix });
    drop = () => scratch.drop();
  }
  const settings = ticketsSettings.load({
    ROUTER_SECRET,
    TICKETS_PORT: '0',
    EVENTS_INTERNAL_URL: stub.url,
    EVENTS_TIMEOUT_MS: '3000',
    ORDER_UPKEEP_MS: '100',
    NODE_ENV: 'test',
  });
  const server: RunningSubgraph<unknown> = await startSubgraph(ticketsSubgraph, settings, {
    database,
    cache: createMemoryCache(),
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  });

  const gql = async (query: string, variables: Record<string, unknown> = {}, caller?: Caller): Promise<GqlAnswer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'router-authorization': ROUTER_SECRET };
    const who = typeof caller === 'string' ? { userId: caller } : caller;
    if (who) headers.authorization = `Bearer ${await issuer.token(who.userId, who.role)}`;
    const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GqlAnswer;
  };

  return {
    stub,
    database,
    gql,
    ok: async (query, variables, caller) => {
      const answer = await gql(query, variables, caller);
      if (answer.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(answer.errors)}`);
      return answer.data!;
    },
    refusal: async (query, variables, caller) => (await gql(query, variables, caller)).errors?.[0]?.extensions,
    expireHold: async (orderId) => {
      await database.db.execute(sql`update tickets.orders set expires_at = now() - interval '1 second' where id = ${orderId}`);
    },
    close: async () => {
      await server.stop();
      await bus.close();
      await issuer.close();
      await stub.close();
      await database.close();
      await pglite?.close();
      await drop?.();
    },
  };
}

/** The organizer of a stub event, with the role that may run the organizer's mutations. */
export const organizerOf = (event: { organizerId: string }): Caller => ({ userId: event.organizerId, role: 'ORGANIZER' });

export const CREATE_TYPE = `mutation($eventId: ID!, $input: CreateTicketTypeInput!) { createTicketType(eventId: $eventId, input: $input) { id } }`;
export const RESERVE = `mutation($input: OrderInput!) { reserveTickets(input: $input) {
  id status totalCents buyer { id } voucher { code used } lines { ticketType { id } quantity unitPriceCents discountCents }
  tickets { id attendeeName attendeeEmail answers { questionId label kind value } } } }`;
export const CANCEL = `mutation($id: ID!) { cancelOrder(orderId: $id) { id status } }`;
export const CHECKOUT = `mutation($id: ID!, $provider: PaymentProvider!) { checkout(orderId: $id, provider: $provider) { id status } }`;
export const MARK_PAID = `mutation($id: ID!) { markOrderPaid(orderId: $id) { id status tickets { id } } }`;

/** A ticket type on sale now for `event`, created by its organizer through the API. */
export async function typeOnSale(
  service: TicketsService,
  event: { id: string; organizerId: string; endsAt: Date },
  input: { quantity: number; priceCents?: number; name?: string; hidden?: boolean; maxPerUser?: number },
): Promise<string> {
  const data = await service.ok(
    CREATE_TYPE,
    {
      eventId: event.id,
      input: {
        name: input.name ?? 'Standard',
        priceCents: input.priceCents ?? 1500,
        currency: 'EUR',
        quantity: input.quantity,
        salesStart: new Date(Date.now() - 60_000).toISOString(),
        salesEnd: new Date(event.endsAt.getTime() - 60_000).toISOString(),
        ...(input.hidden !== undefined ? { hidden: input.hidden } : {}),
        ...(input.maxPerUser !== undefined ? { maxPerUser: input.maxPerUser } : {}),
      },
    },
    organizerOf(event),
  );
  return data.createTicketType.id as string;
}
