import { integer, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ticketsSchema } from './schema.js';

/**
 * One row per successful purchase, written in the purchase transaction. The unique index on
 * (user, idempotency key) decides racing duplicates: the second insert waits for the first
 * transaction and then finds the key taken, so one key from one user buys once.
 */
export const purchases = ticketsSchema.table(
  'purchases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    eventId: uuid('event_id').notNull(),
    ticketTypeId: uuid('ticket_type_id').notNull(),
    quantity: integer('quantity').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('purchases_user_key_unique').on(t.userId, t.idempotencyKey)],
);

export type PurchaseRow = typeof purchases.$inferSelect;
