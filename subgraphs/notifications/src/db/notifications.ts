import { sql } from 'drizzle-orm';
import { bigint, boolean, index, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { notificationsSchema, notificationTypeEnum } from './schema.js';

export const notifications = notificationsSchema.table(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: pages are "newest first" by seq, so cursors are exact (timestamps can tie). */
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    userId: uuid('user_id').notNull(),
    type: notificationTypeEnum('type').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    eventId: uuid('event_id'),
    ticketId: uuid('ticket_id'),
    /** The Kafka fact that caused it: unique per user, so a redelivery or replay adds nothing. */
    sourceFactId: uuid('source_fact_id').notNull(),
    /**
     * False when the user turned in-app off: the row still anchors email/push deliveries and
     * deduplication, but it is never listed, counted or pushed live.
     */
    inApp: boolean('in_app').notNull().default(true),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notifications_user_source_key').on(t.userId, t.sourceFactId),
    index('notifications_user_seq_idx')
      .on(t.userId, t.seq.desc())
      .where(sql`${t.inApp}`),
    index('notifications_user_unread_idx')
      .on(t.userId)
      .where(sql`${t.inApp} and ${t.readAt} is null`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
