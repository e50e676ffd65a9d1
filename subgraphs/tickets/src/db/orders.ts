import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AttendeeRecord } from './questions.js';
import { ticketsSchema } from './schema.js';
import { ticketTypes } from './ticket-types.js';
import { vouchers } from './vouchers.js';

export const orderStatus = ticketsSchema.enum('order_status', [
  'RESERVED',
  'PAID',
  'EXPIRED',
  'CANCELLED',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
]);
export type OrderStatus = (typeof orderStatus.enumValues)[number];

/**
 * A buyer's order for tickets of one event. While RESERVED it holds its lines' stock
 * (`ticket_types.held`) until `expires_at`; paying turns the holds into sold tickets. The
 * (buyer, idempotency key) pair is unique: one key from one buyer orders once.
 */
export const orders = ticketsSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey(),
    /** The short human reference, e.g. `SB-7KQ2-XR4M`. */
    number: text('number').notNull().unique(),
    eventId: uuid('event_id').notNull(),
    /** Copied from the ticket types: the event's organizer may read and refund the order. */
    organizerId: uuid('organizer_id').notNull(),
    buyerId: uuid('buyer_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: orderStatus('status').notNull(),
    totalCents: integer('total_cents').notNull(),
    currency: text('currency').notNull(),
    /** When the hold ends, while RESERVED. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    /** When it stopped holding stock without being paid: expired or cancelled. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The voucher applied, if any, and how many of its uses (tickets) this order took: given back if the hold ends unpaid. */
    voucherId: uuid('voucher_id').references(() => vouchers.id),
    voucherUses: integer('voucher_uses').notNull().default(0),
    /** Who each ticket is for, with their answers to the event's questions; the tickets take them when issued. */
    attendees: jsonb('attendees').$type<AttendeeRecord[]>(),
  },
  (t) => [
    uniqueIndex('orders_buyer_key_unique').on(t.buyerId, t.idempotencyKey),
    index('orders_buyer_idx').on(t.buyerId, t.createdAt),
    index('orders_event_idx').on(t.eventId, t.createdAt),
    index('orders_due_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} = 'RESERVED'`),
    check('orders_total_not_negative', sql`${t.totalCents} >= 0`),
  ],
);
export type OrderRow = typeof orders.$inferSelect;

/** What an order buys: one line per ticket type, priced when reserved. */
export const orderLines = ticketsSchema.table(
  'order_lines',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    discountCents: integer('discount_cents').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.ticketTypeId] }), check('order_lines_quantity_positive', sql`${t.quantity} >= 1`)],
);
export type OrderLineRow = typeof orderLines.$inferSelect;

/**
 * How many tickets of a type one buyer holds across live orders (reserved, paid, partly
 * refunded), kept only for types with a `max_per_user`. Its row lock makes that limit hold when
 * one buyer races themself: the reserve statement's conditional upsert re-checks the latest count.
 */
export const buyerHoldings = ticketsSchema.table(
  'buyer_holdings',
  {
    buyerId: uuid('buyer_id').notNull(),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id),
    quantity: integer('quantity').notNull(),
  },
  (t) => [primaryKey({ columns: [t.buyerId, t.ticketTypeId] }), check('buyer_holdings_not_negative', sql`${t.quantity} >= 0`)],
);
