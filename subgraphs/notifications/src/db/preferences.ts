import { sql } from 'drizzle-orm';
import { boolean, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationsSchema, notificationTypeEnum } from './schema.js';

/** One row per user who changed something; a user without a row has the defaults (domain/preferences.ts). */
export const preferences = notificationsSchema.table('preferences', {
  userId: uuid('user_id').primaryKey(),
  email: boolean('email').notNull(),
  push: boolean('push').notNull(),
  inApp: boolean('in_app').notNull(),
  mutedTypes: notificationTypeEnum('muted_types')
    .array()
    .notNull()
    .default(sql`'{}'`),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type PreferencesRow = typeof preferences.$inferSelect;
