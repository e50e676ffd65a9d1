import { index, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { usersSchema } from './schema.js';
import { users } from './users.js';

/**
 * A login and every refresh token rotated from it. Revoking the family ends the session, whichever
 * of its tokens is still live (RFC 9700 §4.14.2).
 */
export const sessionFamilies = usersSchema.table(
  'session_families',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('session_families_user_idx').on(t.userId)],
);

/** Refresh tokens, stored only as SHA-256 hashes. `usedAt` set = rotated; using it again is reuse. */
export const refreshTokens = usersSchema.table(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => sessionFamilies.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId)],
);
