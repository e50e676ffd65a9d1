import { index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { events } from './events.js';
import { eventsSchema } from './schema.js';

export const scheduleItems = eventsSchema.table(
  'schedule_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /** The order the organizer gave, to break ties between items starting together. */
    position: integer('position').notNull(),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    speaker: text('speaker'),
    location: text('location'),
  },
  (t) => [index('schedule_items_event_idx').on(t.eventId, t.startsAt, t.position)],
);

export type ScheduleItemRow = typeof scheduleItems.$inferSelect;
