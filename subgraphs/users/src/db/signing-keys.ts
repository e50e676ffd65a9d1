import { jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { usersSchema } from './schema.js';

/**
 * Ed25519 keys that sign access tokens. Kept in the database so every replica signs with the same
 * key and the JWKS lists the same keys; retired keys stay published until their tokens expire.
 */
export const signingKeys = usersSchema.table('signing_keys', {
  kid: text('kid').primaryKey(),
  privateJwk: jsonb('private_jwk').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
