import type { Logger } from '@sbor/core';
import type { Db } from '@sbor/db';
import type { DeliveryRow } from '../db/deliveries.js';
import { claimDueDeliveries, markDelivered, markUndeliverable, scheduleRetry } from '../db/queries/deliveries.js';
import { findNotificationForDelivery } from '../db/queries/notifications.js';
import { deletePushSubscription, findPushSubscription } from '../db/queries/push-subscriptions.js';
import { findUserEmail } from '../db/queries/user-contacts.js';
import { toNotification } from '../domain/notification.js';
import { renderEmail, type Mailer } from './email.js';
import { pushPayload, type PushSender } from './push.js';

export interface DeliveryWorkerOptions {
  db: Db;
  logger: Logger;
  /** Undefined when no SMTP server is configured. */
  mailer: Mailer | undefined;
  push: PushSender;
  pollMs: number;
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  batchSize?: number;
}

export interface DeliveryWorker {
  /** Looks for due deliveries now instead of at the next poll (called after a consumer commit). */
  nudge(): void;
  stop(): Promise<void>;
}

/** The lease outlives the SMTP and push timeouts, so a live worker's claim never lapses mid-send. */
const LEASE_SECONDS = 60;

export const backoffMs = (attempts: number, initial: number, max: number) => Math.min(initial * 2 ** Math.max(0, attempts - 1), max);

/** Why a delivery cannot ever succeed: recorded as failed at once instead of retried. */
class Undeliverable extends Error {}

/**
 * Works off the deliveries outbox: claim due rows (several replicas side by side), send, record.
 * A failed send is retried with exponential backoff until `maxAttempts`, then kept as failed
 * with its error. Sending happens outside any consumer transaction, so in-app delivery never
 * waits for SMTP or a push service. A crash between a send and its record can repeat that one
 * send after the lease; nothing else is ever sent twice.
 */
export function startDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  async function send(delivery: DeliveryRow): Promise<void> {
    const row = await findNotificationForDelivery(db, delivery.notificationId);
    if (!row) throw new Undeliverable('notification no longer exists');
    const notification = toNotification(row);
    if (delivery.channel === 'EMAIL') {
      if (!options.mailer) throw new Undeliverable('email is not configured (SMTP_URL)');
      const to = await findUserEmail(db, row.userId);
      if (!to) throw new Undeliverable('no email address known for this user');
      await options.mailer.send(renderEmail(notification, to));
      return;
    }
    const browser = delivery.pushSubscriptionId ? await findPushSubscription(db, delivery.pushSubscriptionId) : undefined;
    if (!browser) throw new Undeliverable('push subscription no longer exists');
    if ((await options.push(browser, pushPayload(notification))) === 'gone') {
      // Deleting the subscription also deletes its pending deliveries (this one included).
      await deletePushSubscription(db, browser.id);
      logger.info({ pushSubscriptionId: browser.id }, 'push subscription gone; deleted');
    }
  }

  async function settle(delivery: DeliveryRow): Promise<void> {
    const where = { deliveryId: delivery.id, channel: delivery.channel, notificationId: delivery.notificationId, attempt: delivery.attempts };
    try {
      await send(delivery);
      await markDelivered(db, delivery.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Undeliverable || delivery.attempts >= options.maxAttempts) {
        logger.warn({ ...where, error: message }, 'delivery given up');
        await markUndeliverable(db, delivery.id, message);
        return;
      }
      const delay = backoffMs(delivery.attempts, options.initialBackoffMs, options.maxBackoffMs);
      logger.info({ ...where, error: message, retryInMs: delay }, 'delivery failed; will retry');
      await scheduleRetry(db, delivery.id, delay, message);
    }
  }

  async function drain(): Promise<void> {
    for (;;) {
      const due = await claimDueDeliveries(db, options.batchSize ?? 20, LEASE_SECONDS);
      if (due.length === 0 || stopped) return;
      await Promise.all(due.map((d) => settle(d).catch((err: unknown) => logger.error({ err, deliveryId: d.id }, 'recording a delivery failed'))));
    }
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = drain()
      .catch((err: unknown) => logger.warn({ err }, 'delivery round failed'))
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (again) {
          again = false;
          run();
        } else timer = setTimeout(run, options.pollMs);
      });
  }

  timer = setTimeout(run, 0);
  return {
    nudge: run,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
