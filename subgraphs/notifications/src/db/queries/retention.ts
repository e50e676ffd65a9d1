import { and, isNotNull } from 'drizzle-orm';
import type { Logger } from '@sbor/core';
import type { Executor } from '@sbor/db';
import { olderThan, pruneInbox, pruneWhere, RETENTION_DEFAULTS, retentionPart } from '@sbor/messaging';
import { notifications } from '../notifications.js';
import { inbox } from '../schema.js';

const DAY_MS = 24 * 3_600_000;
/** Read notifications older than this are gone from the list; unread ones are kept however old. */
export const READ_NOTIFICATION_RETENTION_MS = 90 * DAY_MS;

/** Read notifications created more than `keepMs` ago (their deliveries go with them). */
export const pruneReadNotifications = (db: Executor, keepMs: number, batchSize?: number) =>
  pruneWhere(db, notifications, and(isNotNull(notifications.readAt), olderThan(notifications.createdAt, keepMs))!, batchSize);

/** The notifications service's pruner: old read notifications, and inbox ids past the replay window. */
export const notificationsRetentionPart = (
  db: Executor,
  logger: Logger,
  options: { readMs?: number; inboxMs?: number; intervalMs?: number } = {},
) =>
  retentionPart(
    [
      { name: 'read notifications', prune: () => pruneReadNotifications(db, options.readMs ?? READ_NOTIFICATION_RETENTION_MS) },
      { name: 'inbox ids', prune: () => pruneInbox(db, inbox, options.inboxMs ?? RETENTION_DEFAULTS.inboxMs) },
    ],
    { intervalMs: options.intervalMs, logger },
  );
