import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orders } from './orders.js';
import { ticketsSchema } from './schema.js';
import { ticketTypes } from './ticket-types.js';

export const waitingStatus = ticketsSchema.enum('waiting_status', ['WAITING', 'OFFERED', 'ACCEPTED', 'EXPIRED', 'LEFT']);
export type WaitingStatus = (typeof waitingStatus.enumValues)[number];

/**
 * A user waiting for a sold-out ticket type, first come first served by `seq`. When stock comes
 * back, the first WAITING entry it fits is OFFERED: a RESERVED order (`order_id`) holds the stock
 * in the user's name until `offer_expires_at`. The status moves only through conditional updates
 * in the transactions that free stock, so each entry is offered once. One live entry (waiting or
 * offered) per user and type.
 */
export const waitingListEntries = ticketsSchema.table(
  'waiting_list_entries',
  {
    id: uuid('id').primaryKey(),
    /** Arrival order: who came first is served first. */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id),
    eventId: uuid('event_id').notNull(),
    /** Copied from the ticket type: the organizer who may read the list. */
    organizerId: uuid('organizer_id').notNull(),
    userId: uuid('user_id').notNull(),
    quantity: integer('quantity').notNull(),
    status: waitingStatus('status').notNull().default('WAITING'),
    /** The hold offered, once OFFERED. */
    orderId: uuid('order_id').references(() => orders.id),
    offerExpiresAt: timestamp('offer_expires_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('waiting_list_one_live_entry')
      .on(t.userId, t.ticketTypeId)
      .where(sql`${t.status} in ('WAITING', 'OFFERED')`),
    index('waiting_list_queue_idx')
      .on(t.ticketTypeId, t.seq)
      .where(sql`${t.status} = 'WAITING'`),
    index('waiting_list_user_idx').on(t.userId, t.createdAt),
    index('waiting_list_event_idx').on(t.eventId, t.seq),
    index('waiting_list_order_idx').on(t.orderId),
    check('waiting_list_quantity_positive', sql`${t.quantity} >= 1`),
  ],
);
export type WaitingEntryRow = typeof waitingListEntries.$inferSelect;
