import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';
import { startFakeStripe, type FakeStripe } from '../../subgraphs/tickets/test/stripe/fake-stripe.js';
import { actorsOn, type Actor } from './support/actors.js';
import { shopOn, type Payment } from './support/orders.js';

/**
 * Paying with STRIPE through the router: the platform's tickets service talks to a local
 * Stripe-compatible server with the official SDK (STRIPE_API_BASE), and Stripe's signed webhook
 * comes back to the router's public /webhooks/stripe, as it would from stripe.com.
 */

const CHECKOUT_STRIPE =
  'mutation ($o: ID!) { checkout(orderId: $o, provider: STRIPE) { id provider status amountCents checkoutUrl instructions clientSecret } }';
const MY_TICKETS = '{ me { tickets { id status event { id } } } }';
const SEAT_PRICE = 4200;

describe.each(MODES)('checkout with STRIPE through the router (%s mode)', (mode) => {
  let stripe: FakeStripe;
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let shop: ReturnType<typeof shopOn>;
  let organizer: Actor;
  let webhookUrl: string;

  beforeAll(async () => {
    stripe = await startFakeStripe();
    platform = await startTestPlatform(mode, {
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_API_BASE: stripe.url,
    });
    api = actorsOn(platform);
    shop = shopOn(platform);
    organizer = await api.signUp('Olga Organizer', true);
    webhookUrl = `${new URL(platform.routerUrl).origin}/webhooks/stripe`;
  });
  afterAll(async () => {
    await platform?.stop();
    await stripe?.close();
  });

  /** A buyer's reserved order of `quantity` priced seats on a new event, and that event. */
  async function reservedSeats(buyer: Actor, quantity: number) {
    const event = await api.publishedEvent(organizer, 'Card Night');
    const seat = await shop.ticketType(organizer, event.id, { name: 'Seat', priceCents: SEAT_PRICE });
    const order = await shop.reserve(buyer, event.id, [{ ticketTypeId: seat.id, quantity }]);
    return { eventId: event.id, seatId: seat.id, order };
  }

  const intentOf = (orderId: string) => [...stripe.paymentIntents.values()].find((pi) => pi.metadata.order_id === orderId);

  it('starts a PaymentIntent for the order; Stripe’s signed webhook to /webhooks/stripe issues the tickets once, and they are in me.tickets', async () => {
    const buyer = await api.signUp('Carla Card');
    const { eventId, seatId, order } = await reservedSeats(buyer, 2);

    const payment = await api.ok<Payment & { clientSecret: string | null }>(CHECKOUT_STRIPE, { o: order.id }, buyer.token);
    expect(payment).toMatchObject({ provider: 'STRIPE', status: 'PENDING', amountCents: 2 * SEAT_PRICE, checkoutUrl: null });
    const intent = intentOf(order.id);
    expect(intent).toMatchObject({ amount: 2 * SEAT_PRICE, currency: 'eur', status: 'requires_payment_method' });
    // The browser confirms the card with Stripe.js using this secret; Sbor never sees the card.
    expect(payment.clientSecret).toBe(intent!.client_secret);

    const succeeded = stripe.succeed(intent!.id);
    expect(await stripe.deliverWebhook(webhookUrl, succeeded)).toMatchObject({ status: 200 });

    const paid = (await shop.order(buyer, order.id))!;
    expect(paid).toMatchObject({ status: 'PAID', expiresAt: null, payment: { id: payment.id, provider: 'STRIPE', status: 'SUCCEEDED' } });
    expect(paid.tickets.map((t) => t.status)).toEqual(['ACTIVE', 'ACTIVE']);
    const mine = await api.ok<{ tickets: { id: string; status: string; event: { id: string } }[] }>(MY_TICKETS, {}, buyer.token);
    expect(mine.tickets.map((t) => t.id).sort()).toEqual(paid.tickets.map((t) => t.id).sort());
    expect(mine.tickets.every((t) => t.status === 'ACTIVE' && t.event.id === eventId)).toBe(true);

    // Stripe delivers at least once: the same event again changes nothing.
    expect(await stripe.deliverWebhook(webhookUrl, succeeded)).toMatchObject({ status: 200 });
    expect((await api.ok<{ tickets: unknown[] }>(MY_TICKETS, {}, buyer.token)).tickets).toHaveLength(2);
    expect((await shop.stock(eventId))[seatId]).toEqual({ held: 0, sold: 2, available: 8 });
  });

  it('refuses a webhook Stripe did not sign with 400, and the order stays reserved with no tickets', async () => {
    const buyer = await api.signUp('Fred Forger');
    const { order } = await reservedSeats(buyer, 1);
    await api.ok(CHECKOUT_STRIPE, { o: order.id }, buyer.token);
    const intent = intentOf(order.id)!;
    const forged = stripe.signedEvent('payment_intent.succeeded', { ...intent, status: 'succeeded' }, { secret: 'whsec_not_the_real_one' });

    expect(await stripe.deliverWebhook(webhookUrl, forged)).toMatchObject({ status: 400 });
    expect(await shop.order(buyer, order.id)).toMatchObject({ status: 'RESERVED', tickets: [] });
    expect((await api.ok<{ tickets: unknown[] }>(MY_TICKETS, {}, buyer.token)).tickets).toEqual([]);
  });
});
