import { sql } from 'drizzle-orm';
import { index, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { events } from './events.js';
import { eventsSchema } from './schema.js';

/**
 * One row per (event, offset) that is to be reminded of, written when the event is published.
 * The unique pair is what makes a reminder happen once: the scheduler claims a row, writes the
 * fact to the outbox and marks the row in one transaction, whichever replica gets there first.
 */
export const reminders = eventsSchema.table(
  'reminders',
  {
    /** Also the fact's id and its `reminder_id`, so consumers deduplicate on it. */
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    offset: text('offset', { enum: ['24h', '1h'] }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set instead of `sentAt` when the reminder went stale before anyone sent it (see domain/reminders.ts). */
    skippedAt: timestamp('skipped_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('reminders_event_offset_key').on(t.eventId, t.offset),
    index('reminders_pending_idx')
      .on(t.dueAt)
      .where(sql`${t.sentAt} is null and ${t.skippedAt} is null`),
  ],
);

export type ReminderRow = typeof reminders.$inferSelect;
