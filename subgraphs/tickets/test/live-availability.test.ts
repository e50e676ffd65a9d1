import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import { startTokenIssuer, waitFor, type TokenIssuer } from '@sbor/testing';
import { ticketsSettings } from '../src/config.js';
import type { LiveStock } from '../src/live/live-stock.js';
import { ticketsSubgraph } from '../src/subgraph.js';
import { openTestDatabase, ROUTER_SECRET, startEventsStub, testLogger, type EventsStub, type TestDatabase } from './support.js';

/**
 * `ticketAvailabilityChanged` on the tickets subgraph, spoken by hand over the router's multiplexed
 * connection: anonymous subscriptions (no token), stock changed by real purchases whose facts go
 * through the outbox, the bus and the pub/sub.
 */
let database: TestDatabase;
let stub: EventsStub;
let issuer: TokenIssuer;
let bus: MemoryBus;
let server: RunningSubgraph<{ liveStock: LiveStock }>;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  database = await openTestDatabase('tickets_live');
  stub = await startEventsStub();
  issuer = await startTokenIssuer();
  bus = createMemoryBus({ logger: testLogger });
  const settings = ticketsSettings.load({ ROUTER_SECRET, TICKETS_PORT: '0', EVENTS_INTERNAL_URL: stub.url, EVENTS_TIMEOUT_MS: '1500' });
  server = (await startSubgraph(ticketsSubgraph, settings, {
    database: database.pools[0]!,
    cache: createMemoryCache(),
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  })) as never;
});

afterAll(async () => {
  for (const socket of sockets) socket.close();
  await server?.stop();
  await bus?.close();
  await issuer?.close();
  await stub?.close();
  await database?.close();
});

type Stock = { id: string; name: string; available: number; held: number; sold: number; hidden: boolean };
type Message = {
  id?: string;
  type: string;
  payload?: { data?: { ticketAvailabilityChanged?: Stock }; errors?: { extensions: { code: string } }[] };
};

const SUBSCRIBE = 'subscription($eventId: ID!) { ticketAvailabilityChanged(eventId: $eventId) { id name available held sold hidden } }';

async function multiplexed() {
  const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  sockets.push(socket);
  const received: Message[] = [];
  socket.addEventListener('message', ({ data }) => received.push(JSON.parse(String(data)) as Message));
  await new Promise((resolve) => socket.addEventListener('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { 'router-authorization': ROUTER_SECRET, multiplexed: true } }));
  await waitFor(() => received.some((m) => m.type === 'connection_ack'), 5_000, 'the ack');
  return {
    /** Anonymous, as the router subscribes for a client without a token. */
    watch: (id: string, eventId: string) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query: SUBSCRIBE, variables: { eventId } } })),
    complete: (id: string) => socket.send(JSON.stringify({ id, type: 'complete' })),
    messages: (id: string) => received.filter((m) => m.id === id),
    items: (id: string) => received.filter((m) => m.id === id && m.payload?.data).map((m) => m.payload!.data!.ticketAvailabilityChanged!),
  };
}

async function gql(query: string, variables: Record<string, unknown>, userId: string) {
  const headers = {
    'content-type': 'application/json',
    'router-authorization': ROUTER_SECRET,
    authorization: `Bearer ${await issuer.token(userId)}`,
  };
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

const CREATE = `mutation($eventId: ID!, $input: CreateTicketTypeInput!) { createTicketType(eventId: $eventId, input: $input) { id } }`;
const BUY = `mutation($input: PurchaseInput!) { purchaseTickets(input: $input) { id } }`;

async function eventWithTypes(quantity = 30) {
  const event = stub.add();
  const input = (name: string, hidden: boolean) => ({
    name,
    priceCents: 0,
    currency: 'EUR',
    quantity,
    hidden,
    salesStart: new Date(Date.now() - 60_000).toISOString(),
    salesEnd: event.endsAt.toISOString(),
  });
  const open = (await gql(CREATE, { eventId: event.id, input: input('Standard', false) }, event.organizerId)).createTicketType!.id;
  const hidden = (await gql(CREATE, { eventId: event.id, input: input('Crew', true) }, event.organizerId)).createTicketType!.id;
  return { event, open, hidden };
}

const buy = (eventId: string, ticketTypeId: string, quantity: number) =>
  gql(BUY, { input: { eventId, ticketTypeId, quantity, idempotencyKey: randomUUID() } }, randomUUID());

describe('Subscription.ticketAvailabilityChanged', () => {
  it('sends the current stock of each listed type first, without a token, and never a hidden type', async () => {
    const { event, open } = await eventWithTypes();
    await buy(event.id, open, 2);
    const socket = await multiplexed();
    socket.watch('w', event.id);
    await waitFor(() => socket.items('w').length > 0, 10_000, 'the current stock');
    expect(socket.items('w')).toEqual([{ id: open, name: 'Standard', available: 28, held: 0, sold: 2, hidden: false }]);
  });

  it('follows every watcher to the final available while buyers race, never sending the hidden type', async () => {
    const { event, open } = await eventWithTypes(40);
    const socket = await multiplexed();
    for (const id of ['a', 'b', 'c']) socket.watch(id, event.id);
    await waitFor(() => ['a', 'b', 'c'].every((id) => socket.items(id).length > 0), 10_000, 'the current stock');
    expect(server.domain.liveStock.watched().get(event.id)).toBe(3);

    await Promise.all(Array.from({ length: 12 }, () => buy(event.id, open, 3)));
    for (const id of ['a', 'b', 'c']) {
      await waitFor(() => socket.items(id).at(-1)?.available === 4, 15_000, `watcher ${id} at the final available`);
      expect(socket.items(id).every((stock) => stock.id === open)).toBe(true);
      // Values only fall during a sale: coalescing skips some, and never sends an older one late.
      const seen = socket.items(id).map((stock) => stock.available);
      expect([...seen].sort((x, y) => y - x)).toEqual(seen);
    }
  });

  it('stops reading the event once its last watcher completes', async () => {
    const { event } = await eventWithTypes();
    const socket = await multiplexed();
    socket.watch('x', event.id);
    await waitFor(() => socket.items('x').length > 0, 10_000, 'the current stock');
    socket.complete('x');
    await waitFor(() => !server.domain.liveStock.watched().has(event.id), 5_000, 'the watch to end');
  });

  it('refuses an unknown event, a draft and a malformed id with NOT_FOUND', async () => {
    const socket = await multiplexed();
    const draft = stub.add({ status: 'DRAFT' });
    socket.watch('unknown', randomUUID());
    socket.watch('draft', draft.id);
    socket.watch('malformed', 'not-an-id');
    for (const id of ['unknown', 'draft', 'malformed']) {
      await waitFor(() => socket.messages(id).length > 0, 10_000, `the refusal of ${id}`);
      expect(socket.messages(id)).toEqual([
        { id, type: 'error', payload: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })] },
      ]);
    }
  });

  it('answers a cancelled event with its last stock, then completes', async () => {
    const { event, open } = await eventWithTypes();
    await buy(event.id, open, 1);
    stub.events.set(event.id, { ...event, status: 'CANCELLED' });
    const socket = await multiplexed();
    socket.watch('c', event.id);
    await waitFor(() => socket.messages('c').some((m) => m.type === 'complete'), 10_000, 'the end');
    expect(socket.items('c')).toEqual([expect.objectContaining({ id: open, available: 29, sold: 1 })]);
  });
});
