import { sql } from 'drizzle-orm';
import { check, integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ticketsSchema } from './schema.js';

export const voucherKind = ticketsSchema.enum('voucher_kind', ['PERCENT', 'AMOUNT', 'FREE']);
export type VoucherKind = (typeof voucherKind.enumValues)[number];

/**
 * A code an organizer hands out: a discount per ticket (`PERCENT`, `AMOUNT` in minor units, or
 * `FREE`) on some of the event's ticket types or all of them, and the key to hidden types that it
 * names. `used` counts the tickets of live orders it discounted; it only moves in the reserve
 * statement (conditionally, under this row's lock) and when a hold ends unpaid, so the CHECK below
 * is the last line of defence for `max_uses`. Codes are unique per event, whatever their case.
 */
export const vouchers = ticketsSchema.table(
  'vouchers',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    /** Copied from the events service at creation: the organizer who may read it. */
    organizerId: uuid('organizer_id').notNull(),
    /** As the organizer typed it; matched without regard to case. */
    code: text('code').notNull(),
    kind: voucherKind('kind').notNull(),
    /** PERCENT: 1 to 100; AMOUNT: minor units off each ticket; FREE: 0. */
    value: integer('value').notNull(),
    /** The types it applies to; empty for every listed type of the event. A hidden type must be named. */
    ticketTypeIds: uuid('ticket_type_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** At most this many tickets in all; null for no limit. */
    maxUses: integer('max_uses'),
    used: integer('used').notNull().default(0),
    validFrom: timestamp('valid_from', { withTimezone: true }),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vouchers_event_code_unique').on(t.eventId, sql`lower(${t.code})`),
    check('vouchers_used_within_max', sql`${t.used} >= 0 and (${t.maxUses} is null or ${t.used} <= ${t.maxUses})`),
    check('vouchers_max_uses_positive', sql`${t.maxUses} is null or ${t.maxUses} >= 1`),
    check('vouchers_value_not_negative', sql`${t.value} >= 0`),
  ],
);
export type VoucherRow = typeof vouchers.$inferSelect;
