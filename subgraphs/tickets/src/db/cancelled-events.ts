import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ticketsSchema } from './schema.js';

/**
 * Events the events service has cancelled, filled by the `event.cancelled` consumer. A purchase
 * checks it inside its transaction (under the event's lock), so a sale racing a cancellation
 * either commits first and is cancelled by it, or sees this row and sells nothing.
 */
export const cancelledEvents = ticketsSchema.table('cancelled_events', {
  eventId: uuid('event_id').primaryKey(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }).notNull(),
  reason: text('reason'),
});
