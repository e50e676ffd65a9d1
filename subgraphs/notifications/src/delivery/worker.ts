import { outsideTrace, type Logger } from '@sbor/core';
import { toNotification } from '../domain/notification.js';
import type { DeliveryRow, NotificationsRepositories } from '../domain/repositories.js';
import type { TicketsClient } from '../clients/tickets.js';
import { emailTarget } from '../domain/contacts.js';
import { EMAIL_LISTS_TICKETS, renderEmail, type Mailer } from './email.js';
import { pushPayload, type PushSender } from './push.js';

export type DeliveryRepositories = Pick<NotificationsRepositories, 'deliveries' | 'notifications' | 'contacts' | 'pushSubscriptions'>;

export interface DeliveryWorkerOptions {
  repositories: DeliveryRepositories;
  logger: Logger;
  /** Undefined when no SMTP server is configured. */
  mailer: Mailer | undefined;
  /** Where an email about tickets gets their codes (facts carry ids only); no answer retries the send. */
  tickets: TicketsClient;
  push: PushSender;
  pollMs: number;
  maxAttempts: number;
  /** First retry delay; doubles per attempt up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Sends in flight at once (default 4). */
  concurrency?: number;
  /** True while live delivery is busy (a backlog of facts): the worker then sends one at a time. */
  liveBusy?: () => boolean;
  batchSize?: number;
}

export interface DeliveryWorker {
  /** Starts polling; the first round runs at once. */
  start(): void;
  /** Looks for due deliveries now instead of at the next poll (called after a consumer commit); nothing before `start`. */
  nudge(): void;
  stop(): Promise<void>;
}

/** The lease outlives the SMTP and push timeouts, so a live worker's claim never lapses mid-send. */
const LEASE_SECONDS = 60;

export const backoffMs = (attempts: number, initial: number, max: number) => Math.min(initial * 2 ** Math.max(0, attempts - 1), max);

/** Why a delivery cannot ever succeed: recorded as failed at once instead of retried. */
class Undeliverable extends Error {
  /** `expected`: the rules say no (an unverified address), nothing is wrong; logged quietly. */
  constructor(
    message: string,
    readonly expected = false,
  ) {
    super(message);
  }
}

const SKIPPED = {
  'no address': 'no email address known for this user',
  // Email goes only to verified addresses (issue 16): in-app and push still go.
  'not verified': 'the email address is not verified',
} as const;

/**
 * Works off the deliveries outbox: claim due rows (several replicas side by side), send, record.
 * A failed send is retried with exponential backoff until `maxAttempts`, then kept as failed
 * with its error. Sending happens outside any consumer transaction, so in-app delivery never
 * waits for SMTP or a push service. A crash between a send and its record can repeat that one
 * send after the lease; nothing else is ever sent twice.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { logger } = options;
  const { deliveries, notifications, contacts, pushSubscriptions } = options.repositories;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let started = false;
  let stopped = false;

  async function send(delivery: DeliveryRow): Promise<void> {
    const row = await notifications.forDelivery(delivery.notificationId);
    if (!row) throw new Undeliverable('notification no longer exists');
    const notification = toNotification(row);
    if (delivery.channel === 'EMAIL') {
      if (!options.mailer) throw new Undeliverable('email is not configured (SMTP_URL)');
      // Checked at send time, so an address changed since the notification was stored is not used.
      const target = emailTarget(await contacts.of(row.userId));
      if ('skip' in target) throw new Undeliverable(SKIPPED[target.skip], target.skip === 'not verified');
      const { to } = target;
      const listed = EMAIL_LISTS_TICKETS.has(notification.type) && notification.ticketId;
      const tickets = listed ? await options.tickets.forEmail(row.userId, [notification.ticketId!]) : [];
      await options.mailer.send(renderEmail(notification, to, tickets));
      return;
    }
    const browser = delivery.pushSubscriptionId ? await pushSubscriptions.find(delivery.pushSubscriptionId) : undefined;
    if (!browser) throw new Undeliverable('push subscription no longer exists');
    if ((await options.push(browser, pushPayload(notification))) === 'gone') {
      // Deleting the subscription also deletes its pending deliveries (this one included).
      await pushSubscriptions.delete(browser.id);
      logger.info({ pushSubscriptionId: browser.id }, 'push subscription gone; deleted');
    }
  }

  async function settle(delivery: DeliveryRow): Promise<void> {
    const where = {
      deliveryId: delivery.id,
      channel: delivery.channel,
      notificationId: delivery.notificationId,
      attempt: delivery.attempts,
    };
    try {
      await send(delivery);
      await deliveries.markDelivered(delivery.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof Undeliverable || delivery.attempts >= options.maxAttempts) {
        if (error instanceof Undeliverable && error.expected) logger.info({ ...where, error: message }, 'delivery skipped');
        else logger.warn({ ...where, error: message }, 'delivery given up');
        await deliveries.markUndeliverable(delivery.id, message);
        return;
      }
      const delay = backoffMs(delivery.attempts, options.initialBackoffMs, options.maxBackoffMs);
      logger.info({ ...where, error: message, retryInMs: delay }, 'delivery failed; will retry');
      await deliveries.scheduleRetry(delivery.id, delay, message);
    }
  }

  /**
   * The worker shares the service's process and its database pool with the fact consumer, so it
   * keeps to `concurrency` sends at a time (each holds a pooled connection for its reads and its
   * record), and to one while live delivery is busy, yielding the event loop between sends: email
   * can wait a little, a live notification should not. Email still moves under a constant backlog.
   */
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const liveBusy = options.liveBusy ?? (() => false);

  async function drain(): Promise<void> {
    for (;;) {
      const due = await deliveries.claimDue(options.batchSize ?? 20, LEASE_SECONDS);
      if (due.length === 0 || stopped) return;
      let next = 0;
      const lane = async (lane: number) => {
        for (;;) {
          if (liveBusy()) {
            if (lane > 0) return;
            await new Promise((resolve) => setImmediate(resolve));
          }
          const delivery = due[next++];
          if (!delivery) return;
          await settle(delivery).catch((err: unknown) => logger.error({ err, deliveryId: delivery.id }, 'recording a delivery failed'));
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, (_, i) => lane(i)));
    }
  }

  function run(): void {
    if (!started || stopped) return;
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

  return {
    start: () => {
      if (started) return;
      started = true;
      timer = setTimeout(run, 0);
    },
    // A nudge comes from the consumer that stored the notifications; the rounds it starts (and the
    // timers they leave) must not stay in that message's trace (tracing on).
    nudge: () => outsideTrace(run),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
