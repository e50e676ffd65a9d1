import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from './orders.js';
import { ticketsSchema } from './schema.js';

export const paymentProvider = ticketsSchema.enum('payment_provider', ['FREE', 'OFFLINE', 'SANDBOX', 'STRIPE']);
export type PaymentProviderName = (typeof paymentProvider.enumValues)[number];
export const paymentStatus = ticketsSchema.enum('payment_status', ['PENDING', 'SUCCEEDED', 'FAILED', 'CANCELLED']);
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];

/** One attempt to pay an order through a provider; an order has at most one PENDING at a time. */
export const payments = ticketsSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    provider: paymentProvider('provider').notNull(),
    status: paymentStatus('status').notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    /** The provider's own id (a Stripe PaymentIntent id, the sandbox's payment id). */
    providerRef: text('provider_ref'),
    checkoutUrl: text('checkout_url'),
    clientSecret: text('client_secret'),
    instructions: text('instructions'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payments_order_idx').on(t.orderId), index('payments_provider_ref_idx').on(t.provider, t.providerRef)],
);
export type PaymentRow = typeof payments.$inferSelect;

/**
 * Money given back. Written PENDING before the provider is asked (its id is the provider's
 * idempotency key, so asking again after a crash refunds once), SUCCEEDED or FAILED after.
 */
export const refunds = ticketsSchema.table(
  'refunds',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    paymentId: uuid('payment_id').references(() => payments.id),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason'),
    status: paymentStatus('status').notNull(),
    providerRef: text('provider_ref'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    index('refunds_order_idx').on(t.orderId),
    index('refunds_pending_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'PENDING'`),
    check('refunds_amount_not_negative', sql`${t.amountCents} >= 0`),
  ],
);
export type RefundRow = typeof refunds.$inferSelect;

/** The tickets a refund cancelled. */
export const refundTickets = ticketsSchema.table(
  'refund_tickets',
  {
    refundId: uuid('refund_id')
      .notNull()
      .references(() => refunds.id),
    ticketId: uuid('ticket_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.refundId, t.ticketId] })],
);

/** Provider webhooks already applied, by the provider's event id: a redelivery has no second effect. */
export const webhookDeliveries = ticketsSchema.table(
  'webhook_deliveries',
  {
    provider: paymentProvider('provider').notNull(),
    eventId: text('event_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
