import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@sbor/core';
import {
  refundFailed,
  WebhookRefused,
  type PaymentProvider,
  type PaymentRequest,
  type RefundRequest,
} from '../../src/payments/provider.js';
import { stripeProvider } from '../../src/payments/stripe.js';
import { startFakeStripe, type FakeStripe, type SignedEvent } from './fake-stripe.js';

let fake: FakeStripe;
let provider: PaymentProvider;
let receiver: Receiver;

beforeEach(async () => {
  fake = await startFakeStripe();
  provider = stripeProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret, apiBase: fake.url });
  receiver = await startReceiver();
});

afterEach(async () => {
  await Promise.all([fake.close(), receiver.close()]);
});

const orderOf = (totalCents = 2500): PaymentRequest['order'] => ({
  id: randomUUID(),
  number: 'SB-7KQ2-XR4M',
  totalCents,
  currency: 'EUR',
  buyerId: randomUUID(),
  expiresAt: new Date(Date.now() + 10 * 60_000),
});

const paymentOf = (providerRef: string | null, amountCents = 2500): RefundRequest['payment'] => ({
  id: randomUUID(),
  orderId: randomUUID(),
  provider: 'STRIPE',
  status: 'SUCCEEDED',
  amountCents,
  currency: 'EUR',
  providerRef,
  checkoutUrl: null,
  clientSecret: null,
  instructions: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

/** An order whose buyer has paid: a succeeded intent of `totalCents`. */
async function paidIntent(totalCents = 2500) {
  const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf(totalCents) });
  fake.succeed(providerRef!);
  return providerRef!;
}

describe('stripeProvider', () => {
  describe('createPayment', () => {
    it('creates a PaymentIntent for the order total in lower-case currency, with the order and payment ids in its metadata', async () => {
      const order = orderOf(2500);
      const paymentId = randomUUID();

      const started = await provider.createPayment({ paymentId, order });

      const intent = fake.paymentIntents.get(started.providerRef!);
      expect(started.providerRef).toMatch(/^pi_/);
      expect(intent).toMatchObject({
        amount: 2500,
        currency: 'eur',
        status: 'requires_payment_method',
        automatic_payment_methods: { enabled: true },
        metadata: { order_id: order.id, order_number: order.number, payment_id: paymentId },
      });
      expect(started.clientSecret).toBe(intent!.client_secret);
      expect(started.clientSecret).toMatch(new RegExp(`^${started.providerRef}_secret_`));
      const [request] = fake.requests;
      expect(request).toMatchObject({
        method: 'POST',
        path: '/v1/payment_intents',
        contentType: 'application/x-www-form-urlencoded',
        idempotencyKey: `sbor-payment-${paymentId}`,
      });
      expect(request!.params.currency).toBe('eur');
    });

    it('returns the same intent when asked twice for the same payment, so Stripe holds one', async () => {
      const request = { paymentId: randomUUID(), order: orderOf() };

      const first = await provider.createPayment(request);
      const second = await provider.createPayment(request);

      expect(second).toEqual(first);
      expect(fake.paymentIntents.size).toBe(1);
      expect(fake.requests.map((r) => r.replayed)).toEqual([false, true]);
    });

    it('starts a new intent for another payment of the same order', async () => {
      const order = orderOf();

      const first = await provider.createPayment({ paymentId: randomUUID(), order });
      const second = await provider.createPayment({ paymentId: randomUUID(), order });

      expect(second.providerRef).not.toBe(first.providerRef);
      expect(fake.paymentIntents.size).toBe(2);
    });

    it('is refused by Stripe when the same payment is asked again for another amount', async () => {
      const paymentId = randomUUID();
      await provider.createPayment({ paymentId, order: orderOf(2500) });

      const retried = provider.createPayment({ paymentId, order: orderOf(1500) });

      await expect(retried).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
      expect(fake.paymentIntents.size).toBe(1);
    });
  });

  describe('verifyWebhook', () => {
    it('reports a genuine payment_intent.succeeded as succeeded, with the intent and the event id', async () => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf() });
      const paid = fake.succeed(providerRef!);

      const { body, headers } = await receiver.receive(paid);

      expect(provider.verifyWebhook(body, headers)).toEqual({ kind: 'succeeded', providerRef, id: paid.event.id });
      expect(paid.event.id).toMatch(/^evt_/);
    });

    it('reports payment_intent.payment_failed as failed', async () => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf() });
      const declined = fake.fail(providerRef!);

      const { body, headers } = await receiver.receive(declined);

      expect(provider.verifyWebhook(body, headers)).toEqual({ kind: 'failed', providerRef, id: declined.event.id });
    });

    it('reports payment_intent.canceled as failed', async () => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf() });
      await provider.cancel!(paymentOf(providerRef));
      const canceled = fake.signedEvent('payment_intent.canceled', fake.paymentIntents.get(providerRef!));

      const { body, headers } = await receiver.receive(canceled);

      expect(provider.verifyWebhook(body, headers)).toEqual({ kind: 'failed', providerRef, id: canceled.event.id });
    });

    it('ignores event types Sbor does not act on', async () => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf() });
      const created = fake.signedEvent('payment_intent.created', fake.paymentIntents.get(providerRef!));

      const { body, headers } = await receiver.receive(created);

      expect(provider.verifyWebhook(body, headers)).toEqual({ kind: 'ignored', id: created.event.id });
    });

    it('accepts a delivery signed four minutes ago, within the tolerance', async () => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf() });
      fake.succeed(providerRef!);
      const late = fake.signedEvent('payment_intent.succeeded', fake.paymentIntents.get(providerRef!), { timestamp: secondsAgo(240) });

      const { body, headers } = await receiver.receive(late);

      expect(provider.verifyWebhook(body, headers)).toMatchObject({ kind: 'succeeded', providerRef });
    });

    const forgeries: { name: string; forge: (genuine: SignedEvent) => SignedEvent }[] = [
      {
        name: 'a signature that does not match',
        forge: (genuine) => ({
          ...genuine,
          signature: genuine.signature.replace(/v1=(.)/, (_, c: string) => `v1=${c === '0' ? '1' : '0'}`),
        }),
      },
      {
        name: 'a body with one byte changed',
        forge: (genuine) => ({ ...genuine, payload: genuine.payload.replace('"amount": 2500', '"amount": 2501') }),
      },
      {
        name: 'a signature made with another secret',
        forge: (genuine) => fake.signedEvent(genuine.event.type, genuine.event.data.object, { secret: 'whsec_another_endpoint_secret' }),
      },
      {
        name: "a timestamp older than Stripe's 300 s tolerance",
        forge: (genuine) => fake.signedEvent(genuine.event.type, genuine.event.data.object, { timestamp: secondsAgo(301) }),
      },
      {
        name: 'no signature at all',
        forge: (genuine) => ({ ...genuine, signature: '' }),
      },
    ];

    it.each(forgeries)('refuses $name', async ({ forge }) => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf(2500) });
      const genuine = fake.succeed(providerRef!);
      const forged = forge(genuine);
      expect(forged).not.toEqual(genuine);

      const { body, headers } = await receiver.receive(forged);

      expect(() => provider.verifyWebhook(body, headers)).toThrow(WebhookRefused);
    });
  });

  describe('refund', () => {
    it('refunds the amount asked on the intent, once per idempotency key', async () => {
      const providerRef = await paidIntent(2500);
      const request = { payment: paymentOf(providerRef), amountCents: 1000, idempotencyKey: randomUUID() };

      const first = await provider.refund(request);
      const second = await provider.refund(request);

      expect(second).toEqual(first);
      expect(first.providerRef).toMatch(/^re_/);
      expect([...fake.refunds.values()]).toEqual([
        expect.objectContaining({ id: first.providerRef, amount: 1000, payment_intent: providerRef }),
      ]);
      expect(fake.requests.filter((r) => r.path === '/v1/refunds').map((r) => r.idempotencyKey)).toEqual([
        `sbor-refund-${request.idempotencyKey}`,
        `sbor-refund-${request.idempotencyKey}`,
      ]);
    });

    it('refunds again under another key, up to what is left on the intent', async () => {
      const providerRef = await paidIntent(2500);
      const payment = paymentOf(providerRef);

      await provider.refund({ payment, amountCents: 1000, idempotencyKey: randomUUID() });
      await provider.refund({ payment, amountCents: 1500, idempotencyKey: randomUUID() });
      const tooMuch = provider.refund({ payment, amountCents: 1, idempotencyKey: randomUUID() });

      await expect(tooMuch).rejects.toMatchObject({ code: 'charge_already_refunded' });
      expect([...fake.refunds.values()].map((r) => r.amount)).toEqual([1000, 1500]);
    });

    it('throws when asked for more than was paid', async () => {
      const providerRef = await paidIntent(2500);

      const refund = provider.refund({ payment: paymentOf(providerRef), amountCents: 2501, idempotencyKey: randomUUID() });

      await expect(refund).rejects.toMatchObject({ code: 'amount_too_large', statusCode: 400 });
      expect(fake.refunds.size).toBe(0);
    });

    it('throws for an intent that was never paid', async () => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf() });

      const refund = provider.refund({ payment: paymentOf(providerRef), amountCents: 1000, idempotencyKey: randomUUID() });

      await expect(refund).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(fake.refunds.size).toBe(0);
    });

    it('throws what Stripe refuses, which the domain reports as REFUND_FAILED', async () => {
      const providerRef = await paidIntent(2500);
      fake.failNextRefund();

      const error: unknown = await provider
        .refund({ payment: paymentOf(providerRef), amountCents: 1000, idempotencyKey: randomUUID() })
        .catch((e) => e);

      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ code: 'charge_disputed' });
      expect(refundFailed(error)).toMatchObject({
        code: ErrorCode.REFUND_FAILED,
        extensions: { providerMessage: expect.stringContaining('charged back') },
      });
      expect(fake.refunds.size).toBe(0);
    });
  });

  describe('cancel', () => {
    it('cancels a pending intent', async () => {
      const { providerRef } = await provider.createPayment({ paymentId: randomUUID(), order: orderOf() });

      await provider.cancel!(paymentOf(providerRef));

      expect(fake.paymentIntents.get(providerRef!)).toMatchObject({ status: 'canceled' });
      expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/v1/payment_intents/${providerRef}/cancel`, status: 200 });
    });

    it('asks Stripe nothing for a payment that never reached it', async () => {
      await provider.cancel!(paymentOf(null));

      expect(fake.requests).toEqual([]);
    });

    it('throws for an intent that has already succeeded, leaving it paid', async () => {
      const providerRef = await paidIntent();

      await expect(provider.cancel!(paymentOf(providerRef))).rejects.toMatchObject({ code: 'payment_intent_unexpected_state' });
      expect(fake.paymentIntents.get(providerRef)).toMatchObject({ status: 'succeeded' });
    });
  });
});

const secondsAgo = (seconds: number) => Math.floor(Date.now() / 1000) - seconds;

interface Receiver {
  /** Delivers the event over HTTP and returns what Sbor's webhook route would hand the provider. */
  receive(signed: SignedEvent): Promise<{ body: Buffer; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** Sbor's end of a webhook: the raw bytes and the headers exactly as node:http hands them over. */
async function startReceiver(): Promise<Receiver> {
  let received: { body: Buffer; headers: http.IncomingHttpHeaders } | undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received = { body: Buffer.concat(chunks), headers: req.headers };
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  return {
    receive: async (signed) => {
      received = undefined;
      const { status } = await fake.deliverWebhook(url, signed);
      if (status !== 200 || !received) throw new Error(`the receiver answered ${status}`);
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
