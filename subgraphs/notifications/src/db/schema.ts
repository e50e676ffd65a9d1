import { pgSchema } from 'drizzle-orm/pg-core';
import { inboxTable } from '@sbor/messaging';

/** Everything the notifications service stores lives in this schema (its own database in full mode). */
export const notificationsSchema = pgSchema('notifications');

export const NOTIFICATION_TYPES = ['TICKET_PURCHASED', 'TICKET_CHECKED_IN', 'EVENT_CANCELLED', 'EVENT_REMINDER'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
export const notificationTypeEnum = notificationsSchema.enum('notification_type', NOTIFICATION_TYPES);

/** Facts this service has applied, written in the same transaction as their effect. */
export const inbox = inboxTable(notificationsSchema);
