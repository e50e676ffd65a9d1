import Stripe from 'stripe';
import { WebhookRefused, type PaymentProvider, type WebhookEvent } from './provider.js';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  /** A Stripe-compatible API instead of api.stripe.com (tests, a local mock); unset for real Stripe. */
  apiBase?: string | undefined;
}

/**
 * Stripe PaymentIntents through the official SDK. The buyer pays in the browser with the
 * `clientSecret` (Stripe.js / Payment Element); Stripe then calls `/webhooks/stripe`, verified
 * with `stripe.webhooks.constructEvent`. Our payment id is the idempotency key of the intent, and
 * the refund's key is ours too, so a retry never charges or refunds twice.
 */
export function stripeProvider(settings: StripeSettings): PaymentProvider {
  const api = settings.apiBase ? new URL(settings.apiBase) : undefined;
  const stripe = new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
    ...(api
      ? {
          host: api.hostname,
          port: api.port || (api.protocol === 'https:' ? 443 : 80),
          protocol: api.protocol === 'https:' ? 'https' : 'http',
        }
      : {}),
  });
  return {
    name: 'STRIPE',
    createPayment: async ({ paymentId, order }) => {
      const intent = await stripe.paymentIntents.create(
        {
          amount: order.totalCents,
          currency: order.currency.toLowerCase(),
          automatic_payment_methods: { enabled: true },
          description: `Sbor order ${order.number}`,
          metadata: { order_id: order.id, order_number: order.number, payment_id: paymentId },
        },
        { idempotencyKey: `sbor-payment-${paymentId}` },
      );
      return { providerRef: intent.id, clientSecret: intent.client_secret };
    },
    verifyWebhook: (rawBody, headers) => {
      const signature = headers['stripe-signature'];
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(rawBody, typeof signature === 'string' ? signature : '', settings.webhookSecret);
      } catch (error) {
        throw new WebhookRefused(error instanceof Error ? error.message : 'signature does not match');
      }
      return eventOf(event);
    },
    refund: async ({ payment, amountCents, idempotencyKey }) => {
      const refund = await stripe.refunds.create(
        { payment_intent: payment.providerRef!, amount: amountCents },
        { idempotencyKey: `sbor-refund-${idempotencyKey}` },
      );
      return { providerRef: refund.id };
    },
    cancel: async (payment) => {
      if (payment.providerRef) await stripe.paymentIntents.cancel(payment.providerRef);
    },
  };
}

function eventOf(event: Stripe.Event): WebhookEvent {
  switch (event.type) {
    case 'payment_intent.succeeded':
      return { id: event.id, kind: 'succeeded', providerRef: event.data.object.id };
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled':
      return { id: event.id, kind: 'failed', providerRef: event.data.object.id };
    default:
      return { id: event.id, kind: 'ignored' };
  }
}
