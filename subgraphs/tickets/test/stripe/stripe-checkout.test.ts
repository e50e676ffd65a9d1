/**
 * The tickets service paying with STRIPE end to end, over HTTP: GraphQL `reserveTickets` and
 * `checkout(STRIPE)`, the real SDK against the local Stripe-compatible server, its signed webhook
 * delivered to `/webhooks/stripe`, and a refund through Stripe.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import { startTokenIssuer, type TokenIssuer } from '@sbor/testing';
import { ticketsSettings } from '../../src/config.js';
import { ticketsSubgraph } from '../../src/subgraph.js';
import { openTestDatabase, ROUTER_SECRET, startEventsStub, testLogger, type EventsStub, type TestDatabase } from '../support.js';
import { startFakeStripe, type FakeStripe } from './fake-stripe.js';

let database: TestDatabase;
let stub: EventsStub;
let issuer: TokenIssuer;
let bus: MemoryBus;
let stripe: FakeStripe;
let server: RunningSubgraph<unknown>;
let base: string;

beforeAll(async () => {
  database = await openTestDatabase('tickets_stripe');
  stub = await startEventsStub();
  issuer = await startTokenIssuer();
  bus = createMemoryBus({ logger: testLogger });
  stripe = await startFakeStripe();
  const settings = ticketsSettings.load({
    ROUTER_SECRET,
    TICKETS_PORT: '0',
    EVENTS_INTERNAL_URL: stub.url,
    PAYMENTS_SANDBOX: 'false',
    STRIPE_SECRET_KEY: stripe.secretKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_BASE: stripe.url,
  });
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
  await stripe?.close();
  await bus?.close();
  await issuer?.close();
  await stub?.close();
  await database?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, unknown> }[] };

async function gql(query: string, variables: Record<string, unknown>, userId: string): Promise<Answer> {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'router-authorization': ROUTER_SECRET,
      authorization: `Bearer ${await issuer.token(userId)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function reservedOrder(quantity: number) {
  const event = stub.add();
  const created = await gql(
    'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
    {
      e: event.id,
      i: {
        name: 'Standard',
        priceCents: 4200,
        currency: 'EUR',
        quantity: 10,
        salesStart: new Date(Date.now() - 60_000).toISOString(),
        salesEnd: event.endsAt.toISOString(),
      },
    },
    event.organizerId,
  );
  const buyer = randomUUID();
  const reserved = await gql(
    'mutation ($i: OrderInput!) { reserveTickets(input: $i) { id status totalCents } }',
    { i: { eventId: event.id, items: [{ ticketTypeId: created.data!.createTicketType.id, quantity }], idempotencyKey: randomUUID() } },
    buyer,
  );
  return { event, buyer, orderId: reserved.data!.reserveTickets.id as string };
}

const ORDER =
  'query ($o: ID!) { order(id: $o) { status tickets { id status } payment { provider status } refunds { amountCents status } } }';

describe('checkout with STRIPE', () => {
  it('creates a PaymentIntent for the order, issues the tickets once when Stripe’s webhook says it succeeded, and refunds through Stripe', async () => {
    const { event, buyer, orderId } = await reservedOrder(2);

    const started = await gql(
      'mutation ($o: ID!) { checkout(orderId: $o, provider: STRIPE) { provider status amountCents clientSecret checkoutUrl } }',
      { o: orderId },
      buyer,
    );
    expect(started.errors).toBeUndefined();
    expect(started.data!.checkout).toMatchObject({ provider: 'STRIPE', status: 'PENDING', amountCents: 8400, checkoutUrl: null });
    const [intent] = [...stripe.paymentIntents.values()].filter((pi) => pi.metadata.order_id === orderId);
    expect(intent).toMatchObject({ amount: 8400, currency: 'eur' });
    expect(started.data!.checkout.clientSecret).toBe(intent!.client_secret);

    const succeeded = stripe.succeed(intent!.id);
    expect((await stripe.deliverWebhook(`${base}/webhooks/stripe`, succeeded)).status).toBe(200);
    expect((await stripe.deliverWebhook(`${base}/webhooks/stripe`, succeeded)).status).toBe(200);

    const paid = (await gql(ORDER, { o: orderId }, buyer)).data!.order;
    expect(paid).toMatchObject({ status: 'PAID', payment: { provider: 'STRIPE', status: 'SUCCEEDED' } });
    expect(paid.tickets).toHaveLength(2);

    const refunded = await gql(
      'mutation ($o: ID!, $t: [ID!]) { refundOrder(orderId: $o, ticketIds: $t) { status } }',
      { o: orderId, t: [paid.tickets[0].id] },
      event.organizerId,
    );
    expect(refunded.data!.refundOrder.status).toBe('PARTIALLY_REFUNDED');
    expect([...stripe.refunds.values()].filter((r) => r.payment_intent === intent!.id).map((r) => r.amount)).toEqual([4200]);
  });

  it('refuses a webhook Stripe did not sign, and changes nothing', async () => {
    const { buyer, orderId } = await reservedOrder(1);
    await gql('mutation ($o: ID!) { checkout(orderId: $o, provider: STRIPE) { status } }', { o: orderId }, buyer);
    const [intent] = [...stripe.paymentIntents.values()].filter((pi) => pi.metadata.order_id === orderId);
    const forged = stripe.signedEvent(
      'payment_intent.succeeded',
      { ...intent!, status: 'succeeded' },
      { secret: 'whsec_not_the_real_one' },
    );

    expect((await stripe.deliverWebhook(`${base}/webhooks/stripe`, forged)).status).toBe(400);
    expect((await gql(ORDER, { o: orderId }, buyer)).data!.order).toMatchObject({ status: 'RESERVED', tickets: [] });
  });

  it('answers REFUND_FAILED when Stripe refuses the refund, and changes nothing', async () => {
    const { event, buyer, orderId } = await reservedOrder(1);
    await gql('mutation ($o: ID!) { checkout(orderId: $o, provider: STRIPE) { status } }', { o: orderId }, buyer);
    const [intent] = [...stripe.paymentIntents.values()].filter((pi) => pi.metadata.order_id === orderId);
    await stripe.deliverWebhook(`${base}/webhooks/stripe`, stripe.succeed(intent!.id));
    stripe.failNextRefund();

    const refused = await gql('mutation ($o: ID!) { refundOrder(orderId: $o) { status } }', { o: orderId }, event.organizerId);

    expect(refused.errors![0]!.extensions.code).toBe('REFUND_FAILED');
    expect((await gql(ORDER, { o: orderId }, buyer)).data!.order).toMatchObject({ status: 'PAID', refunds: [] });
  });
});
