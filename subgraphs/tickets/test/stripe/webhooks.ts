/**
 * Stripe's webhook deliveries: an Event as pretty-printed JSON (Stripe's own formatting, so a
 * receiver that re-serializes the body fails as it would in production) and the `Stripe-Signature`
 * header `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the whole whsec_ secret>`.
 */
import { createHmac } from 'node:crypto';
import { now, randomId } from './resources.js';

export interface FakeEvent<T = unknown> {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: T };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** An event as it leaves Stripe: the exact bytes and the header that signs them. */
export interface SignedEvent<T = unknown> {
  event: FakeEvent<T>;
  payload: string;
  signature: string;
}

export interface SigningOptions {
  /** Unix seconds of the signature; now by default. */
  timestamp?: number;
  /** Another secret than the endpoint's, to show a forged delivery. */
  secret?: string;
}

export function buildEvent<T>(type: string, object: T, apiVersion: string): FakeEvent<T> {
  return {
    id: randomId('evt_'),
    object: 'event',
    api_version: apiVersion,
    created: now(),
    // A snapshot: later changes to the object must not show in an event already sent.
    data: { object: structuredClone(object) },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export function signEvent<T>(event: FakeEvent<T>, secret: string, timestamp = now()): SignedEvent<T> {
  const payload = JSON.stringify(event, null, 2);
  return { event, payload, signature: signatureHeader(payload, secret, timestamp) };
}

export function signatureHeader(payload: string, secret: string, timestamp: number): string {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** POSTs the event as Stripe does; the answer is returned, not judged. */
export async function deliver(targetUrl: string, signed: SignedEvent): Promise<{ status: number; body: string }> {
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'stripe-signature': signed.signature,
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      accept: '*/*; q=0.5, application/xml',
      'cache-control': 'no-cache',
    },
    body: Buffer.from(signed.payload, 'utf8'),
  });
  return { status: response.status, body: await response.text() };
}
