/**
 * A payment provider behind one interface (DESIGN.md "Commerce"): FREE, OFFLINE, SANDBOX, STRIPE.
 * The domain asks it to start a payment, to say what a webhook means (after checking its
 * signature), and to give money back. Providers never touch the database.
 */
import { AppError, ErrorCode } from '@sbor/core';
import type { PaymentProviderName, PaymentRow } from '../domain/repositories.js';

export interface PaymentRequest {
  paymentId: string;
  order: { id: string; number: string; totalCents: number; currency: string; buyerId: string; expiresAt: Date | null };
}

export interface StartedPayment {
  /** The provider's id for it, to match its webhooks. */
  providerRef: string | null;
  checkoutUrl?: string | null;
  clientSecret?: string | null;
  instructions?: string | null;
}

/** What a verified webhook says. `ignored` for kinds Sbor does not act on. */
export type WebhookEvent = { id: string; kind: 'succeeded' | 'failed'; providerRef: string } | { id: string; kind: 'ignored' };

export interface RefundRequest {
  payment: PaymentRow;
  amountCents: number;
  /** The same key for the same refund, so asking again after a crash gives money back once. */
  idempotencyKey: string;
}

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createPayment(request: PaymentRequest): Promise<StartedPayment>;
  /** Checks the signature and reads the event; throws WebhookRefused when it is not genuine. */
  verifyWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): WebhookEvent;
  refund(request: RefundRequest): Promise<{ providerRef: string | null }>;
  /** Withdraws a payment that was started but not finished (the buyer chose another provider). */
  cancel?(payment: PaymentRow): Promise<void>;
}

/** A webhook whose signature, timestamp or shape is wrong: answered 400, nothing changes. */
export class WebhookRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'WebhookRefused';
  }
}

export type PaymentProviders = Partial<Record<PaymentProviderName, PaymentProvider>>;

export function providerOf(providers: PaymentProviders, name: PaymentProviderName): PaymentProvider {
  const provider = providers[name];
  if (!provider) {
    throw new AppError(ErrorCode.ORDER_NOT_PAYABLE, `Payments with ${name} are not available here.`, { field: 'provider' });
  }
  return provider;
}

export const refundFailed = (cause: unknown) =>
  new AppError(ErrorCode.REFUND_FAILED, 'The payment provider did not refund this; nothing was changed. Try again later.', {
    providerMessage: cause instanceof Error ? cause.message.slice(0, 200) : undefined,
  });
