/**
 * The payment routes beside /graphql, relayed by the router at the same paths: the sandbox's
 * hosted checkout (`/pay/:paymentId`, a page with Pay and Decline) and the providers' webhooks
 * (`/webhooks/sandbox`, `/webhooks/stripe`). Public by design: a webhook proves itself with its
 * signature, and the checkout link is the payment's unguessable id.
 */
import express, { type Express, type Response } from 'express';
import { isUuid, type Logger } from '@sbor/core';
import type { Checkout } from '../domain/checkout.js';
import type { PaymentProviderName } from '../domain/repositories.js';
import { WebhookRefused, type PaymentProviders } from '../payments/provider.js';
import { newSandboxEvent, SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from '../payments/sandbox.js';
import { checkoutPage, resultPage } from './checkout-page.js';

const WEBHOOK_LIMIT = '64kb';

export interface PaymentRoutesOptions {
  checkout: Checkout;
  providers: PaymentProviders;
  logger: Logger;
  /** The sandbox's signing secret and where its webhooks go; undefined when the sandbox is off. */
  sandbox: { secret: string; webhookUrl: string } | undefined;
}

export function paymentRoutes(options: PaymentRoutesOptions) {
  return (app: Express) => {
    for (const provider of ['SANDBOX', 'STRIPE'] as const) {
      app.post(`/webhooks/${provider.toLowerCase()}`, express.raw({ type: () => true, limit: WEBHOOK_LIMIT }), async (req, res) => {
        await receiveWebhook(options, provider, req.body as Buffer, req.headers, res);
      });
    }
    if (!options.sandbox) return;
    const sandbox = options.sandbox;
    app.get('/pay/:paymentId', async (req, res) => {
      const found = isUuid(req.params.paymentId) ? await options.checkout.describePayment(req.params.paymentId) : undefined;
      if (!found || found.payment.provider !== 'SANDBOX') return void html(res, 404, resultPage('notFound'));
      html(res, 200, checkoutPage(found.payment, found.order));
    });
    app.post('/pay/:paymentId', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
      const found = isUuid(req.params.paymentId) ? await options.checkout.describePayment(req.params.paymentId) : undefined;
      if (!found || found.payment.provider !== 'SANDBOX') return void html(res, 404, resultPage('notFound'));
      const action = (req.body as { action?: unknown }).action;
      if (action !== 'pay' && action !== 'decline') return void html(res, 400, resultPage('badRequest'));
      // Only an open payment of an order still held can be paid; anything else shows what it is now.
      if (found.payment.status !== 'PENDING' || found.order.status !== 'RESERVED')
        return void html(res, 409, checkoutPage(found.payment, found.order));
      // The page acts as the provider would: it tells Sbor by a signed webhook, over HTTP.
      const body = JSON.stringify(newSandboxEvent(found.payment.id, found.payment.amountCents, action === 'pay'));
      const delivered = await fetch(sandbox.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(body, sandbox.secret) },
        body,
        signal: AbortSignal.timeout(10_000),
      }).then(
        (r) => r.ok,
        () => false,
      );
      if (!delivered) {
        options.logger.warn({ paymentId: found.payment.id }, 'sandbox webhook not delivered');
        return void html(res, 502, resultPage('notDelivered'));
      }
      res.redirect(303, `/pay/${found.payment.id}`);
    });
  };
}

async function receiveWebhook(
  options: PaymentRoutesOptions,
  provider: PaymentProviderName,
  raw: Buffer,
  headers: Record<string, string | string[] | undefined>,
  res: Response,
): Promise<void> {
  const verifier = options.providers[provider];
  if (!verifier || !Buffer.isBuffer(raw)) {
    res.status(404).json({ error: 'NOT_FOUND' });
    return;
  }
  try {
    const event = verifier.verifyWebhook(raw, headers);
    const outcome = await options.checkout.applyWebhook(provider, event);
    res.json({ received: true, outcome });
  } catch (error) {
    if (error instanceof WebhookRefused) {
      options.logger.warn({ provider, reason: error.message }, 'webhook refused');
      res.status(400).json({ error: 'WEBHOOK_REFUSED', message: error.message });
      return;
    }
    // Not applied: the provider retries later, and the inbox of webhooks makes a retry harmless.
    options.logger.error({ err: error, provider }, 'webhook failed');
    res.status(500).json({ error: 'INTERNAL_SERVER_ERROR' });
  }
}

function html(res: Response, status: number, body: string): void {
  res
    .status(status)
    .set({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'x-frame-options': 'DENY',
    })
    .send(body);
}
