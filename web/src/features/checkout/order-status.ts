import type { BadgeTone } from '@/components/status-badge';
import type { OrderStatus, PaymentProvider, PaymentStatus } from '@/__generated__/graphql';
import type { MessageKey } from '@/lib/i18n';

/** Each order status's words and colour, for badges on the order and in the list. */
export const ORDER_STATUS: Record<OrderStatus, { label: MessageKey; tone: BadgeTone }> = {
  RESERVED: { label: 'checkout.status.RESERVED', tone: 'waiting' },
  PAID: { label: 'checkout.status.PAID', tone: 'good' },
  EXPIRED: { label: 'checkout.status.EXPIRED', tone: 'neutral' },
  CANCELLED: { label: 'checkout.status.CANCELLED', tone: 'neutral' },
  PARTIALLY_REFUNDED: { label: 'checkout.status.PARTIALLY_REFUNDED', tone: 'waiting' },
  REFUNDED: { label: 'checkout.status.REFUNDED', tone: 'bad' },
};

interface WaitingOrder {
  status: OrderStatus;
  expiresAt?: string | null;
  payment?: { provider: PaymentProvider; status: PaymentStatus } | null;
}

/**
 * An order is worth asking about again while it waits: a payment is under way (the sandbox page
 * pays in another tab, a webhook arrives), or its hold has run out and the server has yet to say so.
 */
export function isWaiting(order: WaitingOrder, now: number): boolean {
  if (order.status !== 'RESERVED') return false;
  const paying = order.payment?.status === 'PENDING' && order.payment.provider !== 'OFFLINE';
  const lapsed = order.expiresAt != null && Date.parse(order.expiresAt) <= now;
  return paying || lapsed;
}
