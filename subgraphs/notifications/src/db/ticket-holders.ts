import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationsSchema } from './schema.js';

export const TICKET_STATUSES = ['ACTIVE', 'USED', 'CANCELLED'] as const;
export type HolderStatus = (typeof TICKET_STATUSES)[number];

/**
 * Projection of who holds which ticket, built from ticket.* facts and order.paid, so event-wide facts
 * (cancelled, reminder) reach every holder without asking the tickets service.
 */
export const ticketHolders = notificationsSchema.table(
  'ticket_holders',
  {
    ticketId: uuid('ticket_id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    /** From ticket.cancelled: `EVENT_CANCELLED` tells an event-wide cancellation from a single refund. */
    cancelReason: text('cancel_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ticket_holders_event_user_idx').on(t.eventId, t.userId)],
);

export type TicketHolderRow = typeof ticketHolders.$inferSelect;
