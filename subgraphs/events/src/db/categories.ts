import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { eventsSchema } from './schema.js';

export const categories = eventsSchema.table('categories', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  /** Unique: the constraint decides between two organizers racing for one slug. */
  slug: text('slug').notNull().unique(),
  createdBy: uuid('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type CategoryRow = typeof categories.$inferSelect;
