import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { WebhookRefused, type PaymentProvider, type WebhookEvent } from './provider.js';

export const SANDBOX_SIGNATURE_HEADER = 'sbor-sandbox-signature';
/** A webhook older than this is refused, so a captured one cannot be replayed later. */
const TOLERANCE_SECONDS = 300;

export interface SandboxSettings {
  /** Where the hosted checkout is reached by browsers: the router's public address. */
  publicUrl: string;
  secret: string;
}

const sandboxEvent = z.object({
  id: z.string().min(1),
  type: z.enum(['payment.succeeded', 'payment.failed']),
  payment_id: z.uuid(),
  amount_cents: z.int().min(0),
  created: z.int(),
});
export type SandboxEvent = z.infer<typeof sandboxEvent>;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as Stripe signs its webhooks. */
export function signSandboxPayload(body: string, secret: string, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

/** The event the hosted page sends when the buyer presses Pay or Decline. */
export function newSandboxEvent(paymentId: string, amountCents: number, paid: boolean): SandboxEvent {
  return {
    id: `evt_${randomUUID()}`,
    type: paid ? 'payment.succeeded' : 'payment.failed',
    payment_id: paymentId,
    amount_cents: amountCents,
    created: Math.floor(Date.now() / 1000),
  };
}

/**
 * Sbor's own test checkout: a hosted page at `/pay/:paymentId` with Pay and Decline buttons, which
 * confirms by an HMAC-signed webhook to `/webhooks/sandbox`, as a real provider would. No money
 * moves; it is refused in production (config).
 */
export function sandboxProvider(settings: SandboxSettings): PaymentProvider {
  const base = settings.publicUrl.replace(/\/+$/, '');
  return {
    name: 'SANDBOX',
    createPayment: async ({ paymentId }) => ({ providerRef: paymentId, checkoutUrl: `${base}/pay/${paymentId}` }),
    verifyWebhook: (rawBody, headers) => verifySandboxWebhook(rawBody, headers[SANDBOX_SIGNATURE_HEADER], settings.secret),
    refund: async ({ idempotencyKey }) => ({ providerRef: `sandbox_refund_${idempotencyKey}` }),
  };
}

export function verifySandboxWebhook(rawBody: Buffer, header: string | string[] | undefined, secret: string): WebhookEvent {
  const parts = Object.fromEntries(
    (typeof header === 'string' ? header : '').split(',').map((part) => part.split('=', 2) as [string, string]),
  );
  const at = Number(parts.t);
  if (!parts.v1 || !Number.isInteger(at)) throw new WebhookRefused('missing or malformed signature');
  if (Math.abs(Date.now() / 1000 - at) > TOLERANCE_SECONDS) throw new WebhookRefused('signature timestamp outside the tolerance');
  const expected = createHmac('sha256', secret)
    .update(`${at}.${rawBody.toString('utf8')}`)
    .digest();
  const given = Buffer.from(parts.v1, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new WebhookRefused('signature does not match');
  let parsed: SandboxEvent;
  try {
    parsed = sandboxEvent.parse(JSON.parse(rawBody.toString('utf8')));
  } catch {
    throw new WebhookRefused('body is not a sandbox event');
  }
  return { id: parsed.id, kind: parsed.type === 'payment.succeeded' ? 'succeeded' : 'failed', providerRef: parsed.payment_id };
}
