import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationsSchema } from './schema.js';

/**
 * Projection of the event facts this service needs for readable text (ticket facts carry only
 * the event id) and to notify late-arriving holders of a cancellation exactly once.
 */
export const events = notificationsSchema.table('events', {
  eventId: uuid('event_id').primaryKey(),
  title: text('title').notNull(),
  venue: text('venue'),
  startsAt: timestamp('starts_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  /** The event.cancelled fact: every EVENT_CANCELLED notification of this event uses it as its source. */
  cancelFactId: uuid('cancel_fact_id'),
  cancelReason: text('cancel_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type EventRow = typeof events.$inferSelect;
