import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import {
  countedDatabase,
  createScratchDatabase,
  entitiesRequest,
  startTokenIssuer,
  type CountedDatabase,
  type ScratchDatabase,
  type TokenIssuer,
} from '@sbor/testing';
import { ticketsSettings } from '../src/config.js';
import { ticketsSubgraph } from '../src/subgraph.js';
import { ROUTER_SECRET, startEventsStub, testLogger, type EventsStub } from './support.js';

let scratch: ScratchDatabase;
let counted: CountedDatabase;
let stub: EventsStub;
let issuer: TokenIssuer;
let bus: MemoryBus;
let server: RunningSubgraph<unknown>;

const organizer = randomUUID();
const buyer = randomUUID();
const eventIds: string[] = [];
const typeIds: string[] = [];
const ticketIds: string[] = [];
const orderIds: string[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('tickets_batching');
  counted = countedDatabase(scratch.url);
  stub = await startEventsStub();
  issuer = await startTokenIssuer();
  bus = createMemoryBus({ logger: testLogger });
  const settings = ticketsSettings.load({
    ROUTER_SECRET,
    TICKETS_PORT: '0',
    EVENTS_INTERNAL_URL: stub.url,
    MAX_ORDERS_PER_USER_PER_MINUTE: '100',
  });
  // Without its background parts (relay, upkeep, sweepers), every statement counted is the request's own.
  server = await startSubgraph({ ...ticketsSubgraph, parts: undefined }, settings, {
    database: counted.database,
    cache: createMemoryCache(),
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  });
  // 20 events of one organizer, a ticket type each, and one order of one ticket in each by one buyer.
  for (let i = 0; i < 20; i++) {
    const event = stub.add({ organizerId: organizer });
    const created = await gql(CREATE_TYPE, { eventId: event.id, input: typeInput(event.endsAt) }, organizer);
    const typeId = (created.data as { createTicketType: { id: string } }).createTicketType.id;
    const bought = await gql(BUY, { input: { eventId: event.id, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() } }, buyer);
    const [ticket] = (bought.data as { purchaseTickets: { id: string; order: { id: string } }[] }).purchaseTickets;
    eventIds.push(event.id);
    typeIds.push(typeId);
    ticketIds.push(ticket!.id);
    orderIds.push(ticket!.order.id);
  }
});

afterAll(async () => {
  await server?.stop();
  await bus?.close();
  await issuer?.close();
  await stub?.close();
  await counted?.database.close();
  await scratch?.drop();
});

const CREATE_TYPE = `mutation($eventId: ID!, $input: CreateTicketTypeInput!) { createTicketType(eventId: $eventId, input: $input) { id } }`;
const BUY = `mutation($input: PurchaseInput!) { purchaseTickets(input: $input) { id order { id } } }`;
const typeInput = (endsAt: Date) => ({
  name: 'Standard',
  priceCents: 0,
  currency: 'EUR',
  quantity: 100,
  salesStart: new Date(Date.now() - 60_000).toISOString(),
  salesEnd: endsAt.toISOString(),
});

async function gql(query: string, variables: Record<string, unknown>, userId?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'router-authorization': ROUTER_SECRET };
  if (userId) headers.authorization = `Bearer ${await issuer.token(userId)}`;
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body;
}

/** Every field of each entity that reads per parent, as the router asks for them. */
const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Event { id ticketTypes { id available event { id } } unlocked: ticketTypes(voucherCode: "SPRING") { id } questions { id } salesStats { totalSold byType { sold } }
    vouchers { id } waitingList { id } doorStaff { user { id } }
    orders(first: 5) { edges { node { id tickets { id } } } pageInfo { hasNextPage } } checkIns { edges { cursor } } }
  ... on Ticket { id status event { id } owner { id } ticketType { id name }
    order { id lines { quantity ticketType { id } } tickets { id } payment { id } refunds { id } voucher { id } } }
  ... on TicketType { id name available event { id } }
  ... on Order { id orderStatus: status lines { quantity ticketType { id } } tickets { id ticketType { id } } payment { id } refunds { id } voucher { id } }
  ... on User { id tickets { id ticketType { id } order { id } } } } }`;

/** The statements one `_entities` request costs, asked by `userId`; also checks that every entity resolved. */
async function statementsFor(typename: string, ids: string[], userId: string | undefined): Promise<string[]> {
  const token = userId ? await issuer.token(userId) : undefined;
  const { body, statements } = await entitiesRequest(counted, {
    url: server.url,
    routerSecret: ROUTER_SECRET,
    query: ENTITIES,
    typename,
    ids,
    token,
  });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data!._entities.map((e) => e?.id)).toEqual(ids);
  return statements;
}

/** One referenced entity, then 20: the second request must send no more statements than the first. */
async function expectBatched(typename: string, ids: string[], userId: string | undefined) {
  await statementsFor(typename, ids.slice(0, 1), userId); // the first request also reads what the service keeps for later ones
  const one = await statementsFor(typename, ids.slice(0, 1), userId);
  const twenty = await statementsFor(typename, ids, userId);
  expect(ids).toHaveLength(20);
  expect(one.length).toBeGreaterThan(0);
  expect(twenty.length, `one:\n${one.join('\n')}\n\ntwenty:\n${twenty.join('\n')}`).toBe(one.length);
}

describe('Event.__resolveReference batching', () => {
  it('reads 20 events’ ticket types, questions, stats, vouchers, waiting lists, door staff, orders and check-ins with as many statements as one', async () => {
    await expectBatched('Event', eventIds, organizer);
  });
});

describe('Event fields read in batches', () => {
  it('still gives each event its own page, stats and lists, and a stranger none of them', async () => {
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event {
      salesStats { totalSold } orders(first: 1) { edges { node { eventId: event { id } } } pageInfo { hasNextPage } } } } }`;
    const read = (userId: string) => gql(query, { r: eventIds.map((id) => ({ __typename: 'Event', id })) }, userId);
    type Read = {
      _entities: {
        salesStats: { totalSold: number } | null;
        orders: { edges: { node: { eventId: { id: string } } }[]; pageInfo: { hasNextPage: boolean } };
      }[];
    };

    const own = ((await read(organizer)).data as Read)._entities;
    const stranger = ((await read(buyer)).data as Read)._entities;

    expect(own.map((e) => e.salesStats?.totalSold)).toEqual(eventIds.map(() => 1));
    expect(own.map((e) => e.orders.edges.map((edge) => edge.node.eventId.id))).toEqual(eventIds.map((id) => [id]));
    expect(own.every((e) => !e.orders.pageInfo.hasNextPage)).toBe(true);
    expect(stranger.every((e) => e.salesStats === null && e.orders.edges.length === 0)).toBe(true);
  });
});

describe('Ticket.__resolveReference batching', () => {
  it('reads 20 tickets with their types and orders with as many statements as one', async () => {
    await expectBatched('Ticket', ticketIds, buyer);
  });
});

describe('TicketType.__resolveReference batching', () => {
  it('reads 20 ticket types with as many statements as one', async () => {
    await expectBatched('TicketType', typeIds, undefined);
  });
});

describe('Order.__resolveReference batching', () => {
  it('reads 20 orders with their lines, tickets, payments and refunds with as many statements as one', async () => {
    await expectBatched('Order', orderIds, buyer);
  });
});

describe('User.__resolveReference batching', () => {
  it('reads the tickets of 20 references to users (the viewer among them) with as many statements as one', async () => {
    // Twenty orders of one buyer: the router sends twenty copies of the buyer's id.
    await expectBatched(
      'User',
      Array.from({ length: 20 }, () => buyer),
      buyer,
    );
  });
});
