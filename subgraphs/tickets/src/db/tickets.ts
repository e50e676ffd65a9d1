import { index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orders } from './orders.js';
import type { AnswerRecord } from './questions.js';
import { ticketsSchema } from './schema.js';
import { ticketTypes } from './ticket-types.js';

export const ticketStatus = ticketsSchema.enum('ticket_status', ['ACTIVE', 'USED', 'CANCELLED']);

/** A sold ticket. `code` is the short manual-entry form; `qr_payload` the signed record, fixed at sale. */
export const tickets = ticketsSchema.table(
  'tickets',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull().unique(),
    status: ticketStatus('status').notNull().default('ACTIVE'),
    eventId: uuid('event_id').notNull(),
    ticketTypeId: uuid('ticket_type_id')
      .notNull()
      .references(() => ticketTypes.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    ownerId: uuid('owner_id').notNull(),
    qrPayload: text('qr_payload').notNull(),
    purchasedAt: timestamp('purchased_at', { withTimezone: true }).notNull().defaultNow(),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    checkedInBy: uuid('checked_in_by'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    /** Who the ticket is for, as given when ordering; null when the buyer named nobody. */
    attendeeName: text('attendee_name'),
    attendeeEmail: text('attendee_email'),
    /** The attendee's answers to the event's questions, each with the question as it was asked. */
    answers: jsonb('answers').$type<AnswerRecord[]>().notNull().default([]),
  },
  (t) => [
    index('tickets_owner_idx').on(t.ownerId, t.purchasedAt),
    index('tickets_event_idx').on(t.eventId, t.status),
    // An event's tickets in the order they were sold: the attendee export walks it with a cursor.
    index('tickets_event_purchased_idx').on(t.eventId, t.purchasedAt, t.id),
    index('tickets_type_idx').on(t.ticketTypeId),
    index('tickets_order_idx').on(t.orderId),
    index('tickets_cancelled_idx').on(t.cancelledAt),
  ],
);

export type TicketRow = typeof tickets.$inferSelect;
export type TicketStatus = TicketRow['status'];
