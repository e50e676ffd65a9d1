import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './fake-stripe.js';
import { FormError, parseForm } from './form.js';

/** The fake must answer the real SDK as Stripe would; these pin the wire format the provider tests rely on. */
let fake: FakeStripe;
let stripe: Stripe;

beforeEach(async () => {
  fake = await startFakeStripe();
  stripe = sdkFor(fake.secretKey);
});

afterEach(() => fake.close());

const sdkFor = (secretKey: string) =>
  new Stripe(secretKey, { host: '127.0.0.1', port: new URL(fake.url).port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${fake.secretKey}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });

describe('startFakeStripe', () => {
  it('reads exactly what the SDK encodes: nested metadata, booleans and characters that need escaping', async () => {
    const metadata = { order_id: 'a&b=c [x]', note: 'ü + 100% sure' };

    const intent = await stripe.paymentIntents.create({
      amount: 2500,
      currency: 'eur',
      automatic_payment_methods: { enabled: true },
      metadata,
    });

    expect(fake.requests[0]!.rawBody).toContain('automatic_payment_methods[enabled]=true');
    expect(fake.requests[0]!.params).toEqual({ amount: '2500', currency: 'eur', automatic_payment_methods: { enabled: 'true' }, metadata });
    expect(intent).toMatchObject({ object: 'payment_intent', amount: 2500, currency: 'eur', metadata, livemode: false });
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ id: intent.id, client_secret: intent.client_secret });
  });

  it("refuses a request without the secret key with 401 and Stripe's error envelope", async () => {
    const response = await fetch(`${fake.url}/v1/payment_intents/pi_123`);

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { type: 'invalid_request_error', message: expect.stringContaining('You did not provide an API key') },
    });
    await expect(sdkFor('sk_test_not_the_key').paymentIntents.retrieve('pi_123')).rejects.toBeInstanceOf(
      Stripe.errors.StripeAuthenticationError,
    );
  });

  it('replays the saved answer to a repeated idempotency key, marked Idempotent-Replayed', async () => {
    const first = await post('/v1/payment_intents', 'amount=100&currency=eur', { 'idempotency-key': 'k1' });
    const second = await post('/v1/payment_intents', 'amount=100&currency=eur', { 'idempotency-key': 'k1' });

    expect(await second.json()).toEqual(await first.json());
    expect([first.headers.get('idempotent-replayed'), second.headers.get('idempotent-replayed')]).toEqual([null, 'true']);
    expect(fake.paymentIntents.size).toBe(1);
  });

  it('answers a repeated idempotency key with other parameters with 400 idempotency_error', async () => {
    await stripe.paymentIntents.create({ amount: 100, currency: 'eur' }, { idempotencyKey: 'k2' });

    const again = stripe.paymentIntents.create({ amount: 200, currency: 'eur' }, { idempotencyKey: 'k2' });

    await expect(again).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(again).rejects.toMatchObject({ type: 'StripeIdempotencyError', statusCode: 400 });
  });

  it('keeps no answer under the key when the parameters were refused, so the corrected request goes through', async () => {
    const refused = await post('/v1/payment_intents', 'currency=eur', { 'idempotency-key': 'k3' });
    const corrected = await post('/v1/payment_intents', 'amount=100&currency=eur', { 'idempotency-key': 'k3' });

    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'parameter_missing', param: 'amount' } });
    expect(corrected.status).toBe(200);
  });

  it('answers an unknown id with 404 resource_missing', async () => {
    await expect(stripe.paymentIntents.retrieve('pi_missing')).rejects.toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 404,
      code: 'resource_missing',
      param: 'intent',
    });
    await expect(stripe.refunds.retrieve('re_missing')).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('refuses a parameter it does not model instead of ignoring it', async () => {
    const create = stripe.paymentIntents.create({ amount: 100, currency: 'eur', receipt_email: 'a@example.com' });

    await expect(create).rejects.toMatchObject({ code: 'parameter_unknown', param: 'receipt_email' });
  });

  it('refunds a succeeded intent through GET-able refunds, and no more than was paid', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 1000, currency: 'eur' });
    fake.succeed(intent.id);

    const refund = await stripe.refunds.create({ payment_intent: intent.id, amount: 400 });

    expect(await stripe.refunds.retrieve(refund.id)).toMatchObject({
      object: 'refund',
      amount: 400,
      payment_intent: intent.id,
      status: 'succeeded',
    });
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 601 })).rejects.toMatchObject({ code: 'amount_too_large' });
    await expect(stripe.refunds.create({ payment_intent: intent.id })).resolves.toMatchObject({ amount: 600 });
  });

  it("signs events exactly as the SDK's generateTestHeaderString does", () => {
    const timestamp = Math.floor(Date.now() / 1000) - 5;

    const signed = fake.signedEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent' }, { timestamp });

    expect(signed.signature).toBe(
      Stripe.webhooks.generateTestHeaderString({ payload: signed.payload, secret: fake.webhookSecret, timestamp }),
    );
    expect(signed.event).toMatchObject({
      object: 'event',
      type: 'payment_intent.succeeded',
      livemode: false,
      api_version: Stripe.API_VERSION,
    });
  });

  it("delivers the exact bytes with their signature, which the SDK's constructEvent accepts", async () => {
    const signed = fake.signedEvent('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', description: 'Zoë – 🎟' });
    let received: { body: Buffer; signature: string | string[] | undefined } | undefined;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received = { body: Buffer.concat(chunks), signature: req.headers['stripe-signature'] };
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

    try {
      const answer = await fake.deliverWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, signed);

      expect(answer.status).toBe(204);
      expect(received!.body.equals(Buffer.from(signed.payload, 'utf8'))).toBe(true);
      expect(stripe.webhooks.constructEvent(received!.body, received!.signature as string, fake.webhookSecret)).toEqual(signed.event);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('parseForm', () => {
  it('reads qs-style appends, encoded brackets and + for spaces', () => {
    expect(parseForm('expand[]=a&expand[]=b&metadata%5Bk%5D=two+words&types[0]=card&types[1]=sepa_debit')).toEqual({
      expand: ['a', 'b'],
      metadata: { k: 'two words' },
      types: ['card', 'sepa_debit'],
    });
  });

  it('refuses a name that is both a value and a hash', () => {
    expect(() => parseForm('metadata=x&metadata[k]=y')).toThrow(FormError);
  });
});
