import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { loadRouterConfig } from '../src/config.js';
import { RELAY_TIMEOUT_MS } from '../src/relay.js';
import { startRouter, type RunningRouter } from '../src/router.js';
import { startTicketsStandIn, type TicketsStandIn } from './support/tickets-stand-in.js';

const ROUTER_SECRET = 'router-secret-for-tests-0123456789';

let tickets: TicketsStandIn;
let router: RunningRouter;
let base: string;

beforeAll(async () => {
  tickets = await startTicketsStandIn();
  const config = loadRouterConfig({
    NODE_ENV: 'test',
    ROUTER_SECRET,
    ROUTER_PORT: '0',
    USERS_URL: tickets.url,
    EVENTS_URL: tickets.url,
    TICKETS_URL: tickets.url,
    NOTIFICATIONS_URL: tickets.url,
  });
  router = await startRouter({ ...config, logger: createLogger('router-test', 'silent') });
  base = router.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await router?.stop();
  await tickets?.stop();
});

beforeEach(() => {
  tickets.received.length = 0;
  tickets.answerWith({ status: 200 });
});

const paymentId = randomUUID();
const checkoutPage =
  '<!doctype html><title>Sandbox checkout</title><form method="post"><button name="action" value="pay">Pay</button></form>';

describe('GET /pay/:paymentId', () => {
  it('relays the checkout page with its HTML, content type and framing headers, and nothing else', async () => {
    tickets.answerWith({
      status: 200,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'content-security-policy': "default-src 'none'; form-action 'self'",
        'x-frame-options': 'DENY',
        'set-cookie': 'internal=1',
        'x-internal-detail': 'tickets-7f',
      },
      body: checkoutPage,
    });
    const response = await fetch(`${base}/pay/${paymentId}?lang=en`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(checkoutPage);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; form-action 'self'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(response.headers.get('x-internal-detail')).toBeNull();
    expect(tickets.received).toHaveLength(1);
    expect(tickets.received[0]).toMatchObject({ method: 'GET', url: `/pay/${paymentId}?lang=en` });
    expect(tickets.received[0]!.headers.accept).toBe('text/html');
  });

  it("never passes on the browser's cookies or authorization", async () => {
    await fetch(`${base}/pay/${paymentId}`, { headers: { cookie: 'session=abc', authorization: 'Bearer user-token' } });
    const sent = tickets.received[0]!.headers;
    expect(sent.cookie).toBeUndefined();
    expect(sent.authorization).toBeUndefined();
    expect(sent['router-authorization']).toBeUndefined();
  });

  it('answers 404 without calling tickets when the payment id is not a UUID', async () => {
    for (const id of ['not-a-uuid', `${paymentId}x`, '..%2Fgraphql']) {
      const response = await fetch(`${base}/pay/${id}`);
      expect(response.status).toBe(404);
    }
    expect(tickets.received).toHaveLength(0);
  });

  it('calls the tickets address from the route, never a host named in the request line', async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      http
        .request({ host: '127.0.0.1', port: router.port, path: `http://elsewhere.invalid/pay/${paymentId}` }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(200);
    expect(tickets.received.map((r) => r.url)).toEqual([`/pay/${paymentId}`]);
  });

  it('answers 405 with an allow header to a method the page does not take', async () => {
    const response = await fetch(`${base}/pay/${paymentId}`, { method: 'PUT', body: 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(tickets.received).toHaveLength(0);
  });
});

describe('POST /pay/:paymentId', () => {
  it('relays the form post byte for byte with its content type, without any CSRF preflight header', async () => {
    tickets.answerWith({ status: 200, headers: { 'content-type': 'text/html' }, body: '<p>Paid</p>' });
    const form = 'action=pay&note=caf%C3%A9+%26+co';
    const response = await fetch(`${base}/pay/${paymentId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>Paid</p>');
    expect(tickets.received[0]).toMatchObject({ method: 'POST', url: `/pay/${paymentId}` });
    expect(tickets.received[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tickets.received[0]!.body.toString('utf8')).toBe(form);
  });

  it('passes a 303 from tickets to the browser as it is, without following it', async () => {
    tickets.answerWith({ status: 303, headers: { location: `/pay/${paymentId}?done=1` } });
    const response = await fetch(`${base}/pay/${paymentId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=decline',
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/pay/${paymentId}?done=1`);
    expect(tickets.received).toHaveLength(1);
  });
});

describe('POST /webhooks/sandbox', () => {
  // Spacing and a non-ASCII character that JSON.stringify(JSON.parse(…)) would not reproduce.
  const webhook = Buffer.from('{"a": 1,  "b":"é"}', 'utf8');

  it('relays the exact raw bytes and the signature header', async () => {
    tickets.answerWith({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"received":true}' });
    const response = await fetch(`${base}/webhooks/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sbor-sandbox-signature': 't=1,v1=abc' },
      body: webhook,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true });
    const got = tickets.received[0]!;
    expect(got).toMatchObject({ method: 'POST', url: '/webhooks/sandbox' });
    expect(got.body.equals(webhook)).toBe(true);
    expect(got.headers['sbor-sandbox-signature']).toBe('t=1,v1=abc');
    expect(got.headers['content-type']).toBe('application/json');
  });

  it("never forwards the caller's authorization, nor adds the router secret", async () => {
    await fetch(`${base}/webhooks/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer someone', cookie: 'session=abc' },
      body: webhook,
    });
    const sent = tickets.received[0]!.headers;
    expect(sent.authorization).toBeUndefined();
    expect(sent.cookie).toBeUndefined();
    expect(sent['router-authorization']).toBeUndefined();
  });

  it('refuses a body over 64 KiB with 413 without calling tickets', async () => {
    const response = await fetch(`${base}/webhooks/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(64 * 1024) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: 'PAYLOAD_TOO_LARGE' });
    expect(tickets.received).toHaveLength(0);
  });
});

describe('POST /webhooks/stripe', () => {
  it('relays the exact raw bytes and the stripe-signature header', async () => {
    // Stripe sends its events pretty-printed; constructEvent checks the signature over these bytes.
    const event = Buffer.from('{\n  "id": "evt_1",\n  "object": "event",\n  "data": {"note": "naïve"}\n}\n', 'utf8');
    await fetch(`${base}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': 't=1,v1=def', 'user-agent': 'Stripe/1.0' },
      body: event,
    });
    const got = tickets.received[0]!;
    expect(got).toMatchObject({ method: 'POST', url: '/webhooks/stripe' });
    expect(got.body.equals(event)).toBe(true);
    expect(got.headers['stripe-signature']).toBe('t=1,v1=def');
    expect(got.headers['user-agent']).toBe('Stripe/1.0');
  });

  it('answers 405 with an allow header to anything but POST', async () => {
    const response = await fetch(`${base}/webhooks/stripe`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(tickets.received).toHaveLength(0);
  });

  it('answers 503 when tickets does not answer within the relay timeout', async () => {
    tickets.answerWith('silence');
    const started = Date.now();
    const response = await fetch(`${base}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(RELAY_TIMEOUT_MS + 1_000);
    expect(await response.json()).toEqual({ error: 'SERVICE_UNAVAILABLE', message: expect.any(String) });
    expect(response.headers.get('cache-control')).toBeNull();
  });
});

describe('GET /tickets/keys', () => {
  it('relays the keys with their caching headers', async () => {
    tickets.answerWith({
      status: 200,
      headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300' },
      body: '{"keys":[]}',
    });
    const response = await fetch(`${base}/tickets/keys`);
    expect(await response.json()).toEqual({ keys: [] });
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(tickets.received.map((r) => r.url)).toEqual(['/tickets/keys']);
  });
});

describe('GET /tickets/revocations', () => {
  it('is not relayed any more: the list is per event, for its door, through GraphQL `revokedTickets`', async () => {
    const response = await fetch(`${base}/tickets/revocations`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(tickets.received).toHaveLength(0);
  });
});
