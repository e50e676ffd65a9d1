import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ticketsSchema } from './schema.js';

/**
 * A kind of ticket for one event. `held` and `sold` only move through the conditional updates of
 * the order statements; the CHECKs are the last line of defence should any code path forget.
 * `organizer_id` is copied from the events service when the type is created: an event's organizer
 * never changes, so it is this service's local answer to "who runs the event of this ticket".
 */
export const ticketTypes = ticketsSchema.table(
  'ticket_types',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id').notNull(),
    organizerId: uuid('organizer_id').notNull(),
    name: text('name').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull(),
    quantity: integer('quantity').notNull(),
    sold: integer('sold').notNull().default(0),
    /** Held by RESERVED orders until they are paid, expire or are cancelled: `available = quantity - held - sold`. */
    held: integer('held').notNull().default(0),
    /** At most this many per buyer across their live orders; null for no limit. */
    maxPerUser: integer('max_per_user'),
    /** Never listed; sold only with a voucher that names it. */
    hidden: boolean('hidden').notNull().default(false),
    /**
     * Set by the `event.cancelled` consumer. The sale's conditional update requires it false, and a
     * sale that waited on this row's lock re-checks it on the version the cancellation committed.
     */
    salesClosed: boolean('sales_closed').notNull().default(false),
    salesStart: timestamp('sales_start', { withTimezone: true }).notNull(),
    salesEnd: timestamp('sales_end', { withTimezone: true }).notNull(),
    /** When the event ends: the end of every ticket's validity window. */
    eventEndsAt: timestamp('event_ends_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ticket_types_event_idx').on(t.eventId),
    check('ticket_types_sold_within_quantity', sql`${t.sold} >= 0 and ${t.sold} <= ${t.quantity}`),
    check('ticket_types_held_within_quantity', sql`${t.held} >= 0 and ${t.held} + ${t.sold} <= ${t.quantity}`),
    check('ticket_types_max_per_user_positive', sql`${t.maxPerUser} is null or ${t.maxPerUser} >= 1`),
    check('ticket_types_quantity_positive', sql`${t.quantity} >= 1`),
    check('ticket_types_price_not_negative', sql`${t.priceCents} >= 0`),
    check('ticket_types_sales_window', sql`${t.salesStart} < ${t.salesEnd}`),
  ],
);

export type TicketTypeRow = typeof ticketTypes.$inferSelect;
