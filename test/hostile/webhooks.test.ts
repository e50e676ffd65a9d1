import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '@sbor/platform';
import { actorsOn, type Actor } from '../e2e/support/actors.js';
import { shopOn, type Order } from '../e2e/support/orders.js';
import { fingerprinter } from './support/hostile.js';

/**
 * The sandbox's webhook is the only thing that turns a reserved order into tickets without the
 * organizer: anyone can POST to `/webhooks/sandbox` on the router. Only a body signed with the
 * secret, recently, is applied, and a genuine one applies once however often it arrives.
 */

const SECRET = randomBytes(24).toString('hex');
const PRICE = 1500;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "t.body")>`, the documented signature, computed here independently. */
const sign = (body: string, { secret = SECRET, at = Math.floor(Date.now() / 1000) } = {}) =>
  `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;

/** What the hosted page sends when the buyer presses Pay. */
const succeeded = (paymentId: string, amountCents = PRICE * 2) =>
  JSON.stringify({
    id: `evt_${randomUUID()}`,
    type: 'payment.succeeded',
    payment_id: paymentId,
    amount_cents: amountCents,
    created: Math.floor(Date.now() / 1000),
  });

describe('sandbox webhooks posted to the router (full mode)', () => {
  let platform: TestPlatform;
  let shop: ReturnType<typeof shopOn>;
  let prints: ReturnType<typeof fingerprinter>;
  let organizer: Actor;
  let buyer: Actor;
  let event: { id: string; seat: string };

  beforeAll(async () => {
    platform = await startTestPlatform('full', { SANDBOX_WEBHOOK_SECRET: SECRET });
    prints = fingerprinter(platform.databaseUrls);
    const api = actorsOn(platform);
    shop = shopOn(platform);
    organizer = await api.signUp('Webhook Organizer', true);
    buyer = await api.signUp('Webhook Buyer');
    const published = await api.publishedEvent(organizer, 'Signed');
    const seat = await shop.ticketType(organizer, published.id, { name: 'Seat', priceCents: PRICE, quantity: 100 });
    event = { id: published.id, seat: seat.id };
  });
  afterAll(async () => {
    await prints?.close();
    await platform?.stop();
  });

  const post = (body: string, signature?: string) =>
    fetch(new URL('/webhooks/sandbox', platform.routerUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { 'sbor-sandbox-signature': signature }) },
      body,
    });

  /** A reserved order of two seats with a pending sandbox payment. */
  async function awaitingPayment() {
    const order = await shop.reserve(buyer, event.id, [{ ticketTypeId: event.seat, quantity: 2 }]);
    const payment = await shop.checkout(buyer, order.id, 'SANDBOX');
    return { order, payment };
  }

  const FORGERIES: [string, (paymentId: string) => { body: string; signature?: string }][] = [
    ['no signature', (id) => ({ body: succeeded(id) })],
    ['an empty signature', (id) => ({ body: succeeded(id), signature: '' })],
    ['a malformed signature', (id) => ({ body: succeeded(id), signature: 't=now,v1=zz' })],
    ['a signature made with another secret', (id) => ({ body: succeeded(id), signature: sign(succeeded(id), { secret: `${SECRET}x` }) })],
    [
      'a signature of the same body under another timestamp',
      (id) => {
        const body = succeeded(id);
        const [, v1] = sign(body, { at: Math.floor(Date.now() / 1000) - 10 }).split(',');
        return { body, signature: `t=${Math.floor(Date.now() / 1000)},${v1}` };
      },
    ],
    [
      'a body changed after signing (a decline turned into a payment)',
      (id) => {
        const declined = succeeded(id).replace('payment.succeeded', 'payment.failed');
        return { body: declined.replace('payment.failed', 'payment.succeeded'), signature: sign(declined) };
      },
    ],
    ['a body changed after signing (another payment named)', (id) => ({ body: succeeded(id), signature: sign(succeeded(randomUUID())) })],
    [
      'a stale timestamp (more than 300 s old)',
      (id) => {
        const body = succeeded(id);
        return { body, signature: sign(body, { at: Math.floor(Date.now() / 1000) - 301 }) };
      },
    ],
    [
      'a timestamp far in the future',
      (id) => {
        const body = succeeded(id);
        return { body, signature: sign(body, { at: Math.floor(Date.now() / 1000) + 3_600 }) };
      },
    ],
  ];

  describe('a forged webhook', () => {
    it.each(FORGERIES)('with %s is answered 400 and changes nothing', async (_name, forge) => {
      const { order, payment } = await awaitingPayment();
      const before = await prints.of('tickets');
      const { body, signature } = forge(payment.id);

      const response = await post(body, signature);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'WEBHOOK_REFUSED' });

      expect(await prints.of('tickets')).toEqual(before);
      expect(await shop.order(buyer, order.id)).toMatchObject({ status: 'RESERVED', tickets: [], payment: { status: 'PENDING' } });
    });

    it('signed correctly is applied, so the refusals above are for their flaws', async () => {
      const { order, payment } = await awaitingPayment();
      const body = succeeded(payment.id);
      expect((await post(body, sign(body))).status).toBe(200);
      expect((await shop.order(buyer, order.id))!.status).toBe('PAID');
    });
  });

  describe('a genuine webhook delivered more than once', () => {
    const paidOnce = (order: Order | null) => {
      expect(order).toMatchObject({ status: 'PAID', payment: { status: 'SUCCEEDED' } });
      expect(order!.tickets).toHaveLength(2);
    };

    it('replayed with the same body and signature, applies once: one set of tickets', async () => {
      const { order, payment } = await awaitingPayment();
      const stockBefore = (await shop.stock(event.id))[event.seat]!;
      const body = succeeded(payment.id);
      const signature = sign(body);

      expect((await post(body, signature)).status).toBe(200);
      const afterFirst = await prints.of('tickets');
      const replay = await post(body, signature);
      expect(replay.status).toBe(200);

      expect(await prints.of('tickets')).toEqual(afterFirst);
      paidOnce(await shop.order(buyer, order.id));
      expect((await shop.stock(event.id))[event.seat]).toEqual({ ...stockBefore, held: stockBefore.held - 2, sold: stockBefore.sold + 2 });
    });

    it('arriving twice at the same moment, applies once', async () => {
      const { order, payment } = await awaitingPayment();
      const body = succeeded(payment.id);
      const signature = sign(body);
      const answers = await Promise.all([post(body, signature), post(body, signature), post(body, signature)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      paidOnce(await shop.order(buyer, order.id));
    });

    it('sent again as a new event for the same payment, issues no more tickets', async () => {
      const { order, payment } = await awaitingPayment();
      const first = succeeded(payment.id);
      expect((await post(first, sign(first))).status).toBe(200);
      const tickets = (await shop.order(buyer, order.id))!.tickets;

      const again = succeeded(payment.id);
      expect((await post(again, sign(again))).status).toBe(200);
      const after = await shop.order(buyer, order.id);
      paidOnce(after);
      expect(after!.tickets).toEqual(tickets);
    });
  });

  describe('the hosted checkout page', () => {
    it('is not found for a payment that does not exist, or an id that is not one', async () => {
      for (const id of [randomUUID(), 'not-an-id', '..%2F..%2Fwebhooks%2Fsandbox']) {
        expect((await fetch(new URL(`/pay/${id}`, platform.routerUrl))).status).toBe(404);
      }
    });

    it('refuses a form with an unknown action, and changes nothing', async () => {
      const { order, payment } = await awaitingPayment();
      const before = await prints.of('tickets');
      for (const body of ['action=refund', 'action=', 'action=pay&action=pay', '']) {
        const response = await fetch(payment.checkoutUrl!, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
          redirect: 'manual',
        });
        expect(response.status, body).toBe(400);
      }
      expect(await prints.of('tickets')).toEqual(before);
      expect(await shop.order(buyer, order.id)).toMatchObject({ status: 'RESERVED', tickets: [] });
    });
  });
});
