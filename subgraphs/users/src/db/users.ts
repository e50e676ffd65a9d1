import { sql } from 'drizzle-orm';
import { text, timestamp, uuid, uniqueIndex } from 'drizzle-orm/pg-core';
import { usersSchema } from './schema.js';

export const roleEnum = usersSchema.enum('role', ['USER', 'ORGANIZER']);

export const users = usersSchema.table(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased; the unique index on lower() guards against a caller that forgets. */
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: text('display_name').notNull(),
    role: roleEnum('role').notNull().default('USER'),
    /** Set once the owner follows a verification (or password reset) link sent to `email`. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_lower_key').on(sql`lower(${t.email})`)],
);

export type UserRow = typeof users.$inferSelect;
