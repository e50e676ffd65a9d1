import { smallint, text, timestamp } from 'drizzle-orm/pg-core';
import { notificationsSchema } from './schema.js';

/**
 * The VAPID key pair generated on first start when none is configured (embedded mode). One row;
 * the first replica to insert wins and the others read it, so browsers see one stable key.
 */
export const vapidKeys = notificationsSchema.table('vapid_keys', {
  id: smallint('id').primaryKey().default(1),
  publicKey: text('public_key').notNull(),
  privateKey: text('private_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
