import { sql } from 'drizzle-orm';
import { check, customType, index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { categories } from './categories.js';
import { eventsSchema } from './schema.js';

/**
 * Stored statuses. `COMPLETED` is never stored: it is a published event whose end has passed,
 * computed when read (see queries/status.ts), so no job has to flip it on time.
 */
export const eventStatusEnum = eventsSchema.enum('event_status', ['DRAFT', 'PUBLISHED', 'CANCELLED']);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const events = eventsSchema.table(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A users-service id; no foreign key, since users live in another database. */
    organizerId: uuid('organizer_id').notNull(),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    venue: text('venue').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: eventStatusEnum('status').notNull().default('DRAFT'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancellationReason: text('cancellation_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Kept by PostgreSQL itself, so search can never disagree with the text it searches. */
    search: tsvector('search').generatedAlwaysAs(sql`to_tsvector('english'::regconfig, "title" || ' ' || "description")`),
  },
  (t) => [
    check('events_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
    index('events_organizer_idx').on(t.organizerId, t.startsAt),
    // The public listing walks published events in (starts_at, id) order: the keyset cursor.
    index('events_published_start_idx')
      .on(t.startsAt, t.id)
      .where(sql`${t.status} = 'PUBLISHED'`),
    index('events_category_idx').on(t.categoryId),
    index('events_search_idx').using('gin', t.search),
  ],
);

export type EventRow = typeof events.$inferSelect;
export type StoredStatus = (typeof eventStatusEnum.enumValues)[number];
