import { and, isNotNull } from 'drizzle-orm';
import type { Logger } from '@sbor/core';
import type { Executor } from '@sbor/db';
import { olderThan, pruneInbox, pruneWhere, retentionPart, type PruneTask } from '@sbor/messaging';
import { notifications } from '../notifications.js';
import { inbox } from '../schema.js';

/** How long read notifications and consumed ids are kept, and how often the pruner runs (`settings.retention`). */
export interface NotificationsRetention {
  intervalMs: number;
  readNotificationsMs: number;
  inboxMs: number;
}

/**
 * Read notifications created more than `keepMs` ago (their deliveries go with them); unread ones
 * are kept however old.
 */
export const pruneReadNotifications = (db: Executor, keepMs: number, batchSize?: number) =>
  pruneWhere(db, notifications, and(isNotNull(notifications.readAt), olderThan(notifications.createdAt, keepMs))!, batchSize);

/** What the notifications service prunes: old read notifications, and inbox ids past the replay window. */
export const notificationsRetentionTasks = (db: Executor, retention: NotificationsRetention): PruneTask[] => [
  { name: 'read notifications', prune: () => pruneReadNotifications(db, retention.readNotificationsMs) },
  { name: 'inbox ids', prune: () => pruneInbox(db, inbox, retention.inboxMs) },
];

export const notificationsRetentionPart = (db: Executor, logger: Logger, retention: NotificationsRetention) =>
  retentionPart(notificationsRetentionTasks(db, retention), { intervalMs: retention.intervalMs, logger });
