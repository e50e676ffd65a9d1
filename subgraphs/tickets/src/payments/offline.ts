import type { PaymentProvider } from './provider.js';
import { WebhookRefused } from './provider.js';

/**
 * Bank transfer or payment at the door: nothing to call. The buyer gets instructions; the
 * organizer confirms with `markOrderPaid` and gives refunds back by hand.
 */
export function offlineProvider(): PaymentProvider {
  return {
    name: 'OFFLINE',
    createPayment: async ({ order }) => ({
      providerRef: null,
      instructions: `Pay ${formatAmount(order.totalCents, order.currency)} by bank transfer quoting ${order.number}, or at the door. The organizer confirms your order once the money has arrived.`,
    }),
    verifyWebhook: () => {
      throw new WebhookRefused('offline payments have no webhooks');
    },
    refund: async () => ({ providerRef: null }),
  };
}

export function formatAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).format(cents / 10 ** minorDigits(currency));
}

const minorDigits = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
