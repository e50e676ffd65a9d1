import { text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notificationsSchema } from './schema.js';

/**
 * Where to email a user, and whether that address is verified: filled from the users service's
 * `user.registered` and `user.email_verified` facts (rules in `domain/contacts.ts`). The two come
 * on different topics, so a verification may be known before the address it verifies: `email` is
 * null until then. Email goes only to a verified address.
 */
export const userContacts = notificationsSchema.table('user_contacts', {
  userId: uuid('user_id').primaryKey(),
  email: text('email'),
  /** When the users service set this address (its fact's timestamp): older verifications are not for it. */
  emailSince: timestamp('email_since', { withTimezone: true }),
  /** When the users service verified the current address; null while it is not. */
  verifiedAt: timestamp('verified_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type UserContactRow = typeof userContacts.$inferSelect;
