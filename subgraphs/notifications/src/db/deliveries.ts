import { sql } from 'drizzle-orm';
import { index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { notifications } from './notifications.js';
import { pushSubscriptions } from './push-subscriptions.js';
import { notificationsSchema } from './schema.js';

export const deliveryChannelEnum = notificationsSchema.enum('delivery_channel', ['EMAIL', 'PUSH']);
export type DeliveryChannel = (typeof deliveryChannelEnum.enumValues)[number];

/**
 * Outbox of external sends, written with the notification in the consumer's transaction and
 * worked off by the delivery worker, so a slow or failing SMTP server or push service never holds
 * up the in-app notification. One row per notification and target (a push row per browser), so
 * a retry never repeats a send that already succeeded.
 */
export const deliveries = notificationsSchema.table(
  'deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    channel: deliveryChannelEnum('channel').notNull(),
    /** A browser that is gone (404/410) takes its pending deliveries with it. */
    pushSubscriptionId: uuid('push_subscription_id').references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A worker's claim: other replicas skip the row until then. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Set when it gave up (attempts exhausted, or nothing to send to); `lastError` says why. */
    failedAt: timestamp('failed_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deliveries_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
  ],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
