import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, makeFact, type MemoryBus } from '@sbor/messaging';
import { ticketsSettings } from '../src/config.js';
import { verifyQrPayload, type PublicQrKey } from '../src/domain/qr-payload.js';
import { ticketsSubgraph } from '../src/subgraph.js';
import { startTokenIssuer, waitFor, type TokenIssuer } from '@sbor/testing';
import { openTestDatabase, ROUTER_SECRET, startEventsStub, testLogger, type EventsStub, type TestDatabase } from './support.js';

let database: TestDatabase;
let stub: EventsStub;
let issuer: TokenIssuer;
let bus: MemoryBus;
let server: RunningSubgraph<unknown>;
let base: string;

beforeAll(async () => {
  database = await openTestDatabase('tickets_service');
  stub = await startEventsStub();
  issuer = await startTokenIssuer();
  bus = createMemoryBus({ logger: testLogger });
  const settings = ticketsSettings.load({ ROUTER_SECRET, TICKETS_PORT: '0', EVENTS_INTERNAL_URL: stub.url, EVENTS_TIMEOUT_MS: '1500' });
  server = await startSubgraph(ticketsSubgraph, settings, {
    database: database.pools[0]!,
    cache: createMemoryCache(),
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  });
  base = server.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await server?.stop();
  await bus?.close();
  await issuer?.close();
  await stub?.close();
  await database?.close();
});

interface Answer {
  status: number;
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

async function gql(query: string, variables: Record<string, unknown> = {}, userId?: string, secret = ROUTER_SECRET): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'router-authorization': secret };
  if (userId) headers.authorization = `Bearer ${await issuer.token(userId)}`;
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, ...((await response.json()) as object) };
}

const CREATE = `mutation($eventId: ID!, $input: CreateTicketTypeInput!) { createTicketType(eventId: $eventId, input: $input) { id available currency } }`;
const BUY = `mutation($input: PurchaseInput!) { purchaseTickets(input: $input) { id code status qrPayload qrCodeSvg ticketType { available } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Ticket { id status } ... on User { tickets { id } }
  ... on Event { ticketTypes { sold available } salesStats { totalSold checkedIn revenue { amountCents currency } } } } }`;

// purchaseTickets sells free tickets in one call; priced ones go through reserveTickets and checkout (test/orders.test.ts).
const typeInput = (endsAt: Date) => ({
  name: 'Standard',
  priceCents: 0,
  currency: 'EUR',
  quantity: 100,
  salesStart: new Date(Date.now() - 60_000).toISOString(),
  salesEnd: endsAt.toISOString(),
});

async function setUp() {
  const event = stub.add();
  const created = await gql(CREATE, { eventId: event.id, input: typeInput(event.endsAt) }, event.organizerId);
  return { event, organizer: event.organizerId, typeId: created.data!.createTicketType.id as string };
}

describe('tickets subgraph over HTTP', () => {
  it('answers only requests that carry the router secret', async () => {
    expect((await gql('{ myTickets { id } }', {}, randomUUID(), 'wrong')).status).toBe(401);
  });

  it('lets only the organizer create a ticket type, with field-level errors', async () => {
    const event = stub.add();
    expect((await gql(CREATE, { eventId: event.id, input: typeInput(event.endsAt) }, randomUUID())).errors![0]!.extensions.code).toBe(
      'FORBIDDEN',
    );
    const late = { ...typeInput(event.endsAt), salesEnd: new Date(event.endsAt.getTime() + 1000).toISOString() };
    expect((await gql(CREATE, { eventId: event.id, input: late }, event.organizerId)).errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'salesEnd',
    });
    const draft = stub.add({ status: 'DRAFT' });
    expect((await gql(CREATE, { eventId: draft.id, input: typeInput(draft.endsAt) }, randomUUID())).errors![0]!.extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  it('sells, lists, scopes _entities to holder and organizer, and keeps strangers away from the door', async () => {
    const { event, organizer, typeId } = await setUp();
    const buyer = randomUUID();
    const stranger = randomUUID();
    const bought = await gql(BUY, { input: { eventId: event.id, ticketTypeId: typeId, quantity: 2, idempotencyKey: randomUUID() } }, buyer);
    const tickets = bought.data!.purchaseTickets as { id: string; code: string; qrPayload: string; qrCodeSvg: string }[];
    expect(tickets).toHaveLength(2);
    expect(tickets[0]!.qrCodeSvg).toMatch(/^<svg/);
    expect(bought.data!.purchaseTickets[1].ticketType.available).toBe(98);

    expect((await gql('{ myTickets { id } }', {}, buyer)).data!.myTickets).toHaveLength(2);
    expect((await gql('{ myTickets { id } }')).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
    const ref = [{ __typename: 'Ticket', id: tickets[0]!.id }];
    expect((await gql(ENTITIES, { r: ref }, buyer)).data!._entities).toEqual([{ id: tickets[0]!.id, status: 'ACTIVE' }]);
    expect((await gql(ENTITIES, { r: ref }, organizer)).data!._entities).toEqual([{ id: tickets[0]!.id, status: 'ACTIVE' }]);
    expect((await gql(ENTITIES, { r: ref }, stranger)).data!._entities).toEqual([null]);
    expect((await gql(`query($id: ID!) { ticket(id: $id) { id } }`, { id: tickets[0]!.id }, stranger)).data!.ticket).toBeNull();
    const userRef = [{ __typename: 'User', id: buyer }];
    expect((await gql(ENTITIES, { r: userRef }, buyer)).data!._entities[0].tickets).toHaveLength(2);
    expect((await gql(ENTITIES, { r: userRef }, stranger)).data!._entities[0].tickets).toEqual([]);

    const validate = `mutation($code: String!) { validateTicket(code: $code) { valid reason ticket { id } } }`;
    const checkIn = `mutation($code: String!) { checkInTicket(code: $code) { status checkedInAt } }`;
    expect((await gql(validate, { code: tickets[0]!.code }, buyer)).data!.validateTicket).toEqual({
      valid: false,
      reason: 'NOT_FOUND',
      ticket: null,
    });
    expect((await gql(checkIn, { code: tickets[0]!.code }, buyer)).errors![0]!.extensions.code).toBe('NOT_FOUND');

    expect((await gql(validate, { code: tickets[0]!.qrPayload }, organizer)).data!.validateTicket).toMatchObject({
      valid: true,
      reason: null,
    });
    expect((await gql(checkIn, { code: tickets[0]!.code }, organizer)).data!.checkInTicket.status).toBe('USED');
    expect((await gql(checkIn, { code: tickets[0]!.qrPayload }, organizer)).errors![0]!.extensions.code).toBe('TICKET_ALREADY_USED');

    const eventRef = [{ __typename: 'Event', id: event.id }];
    expect((await gql(ENTITIES, { r: eventRef }, organizer)).data!._entities[0]).toEqual({
      ticketTypes: [{ sold: 2, available: 98 }],
      salesStats: { totalSold: 2, checkedIn: 1, revenue: [{ amountCents: 0, currency: 'EUR' }] },
    });
    expect((await gql(ENTITIES, { r: eventRef }, buyer)).data!._entities[0].salesStats).toBeNull();
  });

  it('serves the public QR keys, with which a ticket verifies offline', async () => {
    const { event, typeId } = await setUp();
    const bought = await gql(
      BUY,
      { input: { eventId: event.id, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() } },
      randomUUID(),
    );
    const { keys } = (await (await fetch(`${base}/tickets/keys`)).json()) as { keys: PublicQrKey[] };
    expect(keys.every((k) => !('d' in k))).toBe(true);
    expect(verifyQrPayload(bought.data!.purchaseTickets[0].qrPayload, keys)).toMatchObject({ ok: true, record: { eventId: event.id } });
  });

  it('fails fast and sells nothing when the events service does not answer', async () => {
    const { event, typeId } = await setUp();
    stub.hang.add(event.id);
    const started = Date.now();
    const answer = await gql(
      BUY,
      { input: { eventId: event.id, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() } },
      randomUUID(),
    );
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(answer.errors![0]!.extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(answer.errors![0]!.message).toMatch(/nothing was sold/);
    expect((await gql(ENTITIES, { r: [{ __typename: 'Event', id: event.id }] })).data!._entities[0].ticketTypes).toEqual([
      { sold: 0, available: 100 },
    ]);
  });

  it('cancels tickets when the event is cancelled: they read CANCELLED, fail validation and are revoked', async () => {
    const { event, organizer, typeId } = await setUp();
    const buyer = randomUUID();
    const bought = await gql(BUY, { input: { eventId: event.id, ticketTypeId: typeId, quantity: 2, idempotencyKey: randomUUID() } }, buyer);
    const ids = (bought.data!.purchaseTickets as { id: string }[]).map((t) => t.id);
    // The events service says so too: a cancellation it does not confirm is parked, not applied.
    stub.events.get(event.id)!.status = 'CANCELLED';
    const fact = makeFact('event.cancelled', {
      event_id: event.id,
      organizer_id: organizer,
      title: event.title,
      reason: null,
      cancelled_at: new Date().toISOString(),
      starts_at: event.startsAt.toISOString(),
    });
    await bus.publish([{ topic: 'event.cancelled', key: event.id, value: JSON.stringify(fact) }]);
    await bus.idle();
    const mine = (await gql('{ myTickets { id status } }', {}, buyer)).data!.myTickets as { id: string; status: string }[];
    expect(mine.map((t) => t.status)).toEqual(['CANCELLED', 'CANCELLED']);
    const validation = await gql(
      `mutation($c: String!) { validateTicket(code: $c) { valid reason } }`,
      { c: bought.data!.purchaseTickets[0].code },
      organizer,
    );
    expect(validation.data!.validateTicket).toEqual({ valid: false, reason: 'CANCELLED' });
    // The event's door reads them on its revocation list; the old public list of every event is gone.
    const REVOKED = `query($e: ID!, $a: String) { revokedTickets(eventId: $e, after: $a) { revoked { ticketId } cursor complete } }`;
    const revocations = (await gql(REVOKED, { e: event.id }, organizer)).data!.revokedTickets;
    expect(revocations.revoked.map((r: { ticketId: string }) => r.ticketId).sort()).toEqual([...ids].sort());
    expect(revocations.complete).toBe(true);
    expect((await fetch(`${base}/tickets/revocations`)).status).toBe(404);
    // The relay publishes one ticket.cancelled per ticket.
    const published: string[] = [];
    await bus.subscribe({
      groupId: `observer-${randomUUID()}`,
      topics: ['ticket.cancelled'],
      handler: async (m) => void published.push(m.key!),
    });
    await waitFor(() => ids.every((id) => published.includes(id)), 10_000, 'ticket.cancelled facts');
  });
});
