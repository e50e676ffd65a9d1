import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationsSchema } from './schema.js';

/**
 * Where to email a user. The users service owns addresses and publishes no fact with them yet,
 * so this is filled only when an address becomes known; without one, email is skipped.
 */
export const userContacts = notificationsSchema.table('user_contacts', {
  userId: uuid('user_id').primaryKey(),
  email: text('email').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
