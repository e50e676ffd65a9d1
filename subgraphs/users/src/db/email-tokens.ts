import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { usersSchema } from './schema.js';
import { users } from './users.js';

export const emailTokenPurpose = usersSchema.enum('email_token_purpose', ['VERIFY_EMAIL', 'RESET_PASSWORD']);

/**
 * Single-use links sent by email, stored only as SHA-256 hashes: whoever reads this table cannot
 * follow them. `email` is the address the link went to, so a link proves only that address.
 */
export const emailTokens = usersSchema.table(
  'email_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: emailTokenPurpose('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('email_tokens_user_idx').on(t.userId)],
);
