import type { EventStatus, OrderStatus, PaymentProvider, PaymentStatus, TicketStatus } from '@/__generated__/graphql';

/** The message keys of each status, typed: a status without a sentence is a type error. */
export const eventStatusKey = (status: EventStatus) => `organizer.eventStatus.${status}` as const;
export const orderStatusKey = (status: OrderStatus) => `organizer.orderStatus.${status}` as const;
export const paymentStatusKey = (status: PaymentStatus) => `organizer.paymentStatus.${status}` as const;
export const ticketStatusKey = (status: TicketStatus) => `organizer.ticketStatus.${status}` as const;
export const providerKey = (provider: PaymentProvider) => `organizer.provider.${provider}` as const;

/** Colour says the mood; the words say the status, so nothing depends on colour alone. */
const TONE: Partial<Record<string, 'good' | 'warn' | 'bad'>> = {
  PUBLISHED: 'good',
  PAID: 'good',
  SUCCEEDED: 'good',
  ACTIVE: 'good',
  RESERVED: 'warn',
  PENDING: 'warn',
  PARTIALLY_REFUNDED: 'warn',
  CANCELLED: 'bad',
  REFUNDED: 'bad',
  FAILED: 'bad',
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`org-badge org-badge-${TONE[status] ?? 'neutral'}`}>{label}</span>;
}
