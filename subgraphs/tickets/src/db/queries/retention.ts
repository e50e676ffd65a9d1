import type { Logger } from '@sbor/core';
import type { Executor } from '@sbor/db';
import { olderThan, pruneInbox, pruneWhere, retentionPart, type PruneTask } from '@sbor/messaging';
import { inbox } from '../outbox.js';
import { webhookDeliveries } from '../payments.js';

/** How long consumed ids are kept, and how often the pruner runs (`settings.retention`). */
export interface TicketsRetention {
  intervalMs: number;
  inboxMs: number;
}

/**
 * Payment webhooks recorded more than `keepMs` ago. A provider's redelivery after that finds the
 * payment no longer open (payOrder and closePayment only change a PENDING or RESERVED row), so it
 * still has no second effect; the record only spares the work.
 */
export const pruneWebhookDeliveries = (db: Executor, keepMs: number, batchSize?: number) =>
  pruneWhere(db, webhookDeliveries, olderThan(webhookDeliveries.receivedAt, keepMs), batchSize);

/** What the tickets service prunes besides its outbox (its relay does that): ids of what it consumed. */
export const ticketsRetentionTasks = (db: Executor, retention: TicketsRetention): PruneTask[] => [
  { name: 'inbox ids', prune: () => pruneInbox(db, inbox, retention.inboxMs) },
  { name: 'payment webhook ids', prune: () => pruneWebhookDeliveries(db, retention.inboxMs) },
];

export const ticketsRetentionPart = (db: Executor, logger: Logger, retention: TicketsRetention) =>
  retentionPart(ticketsRetentionTasks(db, retention), { intervalMs: retention.intervalMs, logger });
