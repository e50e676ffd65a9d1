import { jsonb, text, timestamp } from 'drizzle-orm/pg-core';
import { ticketsSchema } from './schema.js';

/**
 * Ed25519 keys that sign QR payloads. In the database so every replica signs with the same key.
 * A retired key signs nothing new but stays published: tickets it signed are valid until the event.
 */
export const qrSigningKeys = ticketsSchema.table('qr_signing_keys', {
  kid: text('kid').primaryKey(),
  privateJwk: jsonb('private_jwk').notNull(),
  publicJwk: jsonb('public_jwk').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
