import { pgSchema } from 'drizzle-orm/pg-core';
import { inboxTable } from '@sbor/messaging';
import { NOTIFICATION_TYPES } from '../domain/notification.js';

/** Everything the notifications service stores lives in this schema (its own database in full mode). */
export const notificationsSchema = pgSchema('notifications');

export const notificationTypeEnum = notificationsSchema.enum('notification_type', NOTIFICATION_TYPES);

/** Facts this service has applied, written in the same transaction as their effect. */
export const inbox = inboxTable(notificationsSchema);
