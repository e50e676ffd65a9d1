import type { Cache } from '@sbor/cache';
import { carryContext, contextFromHeaders, traceHeaders, type Logger } from '@sbor/core';
import { reviveNotification, serializeNotification, type Notification } from './notification.js';

/** The pub/sub channel of one user's new notifications (Redis in full mode, so every replica hears it). */
export const liveChannel = (userId: string) => `notifications:${userId}`;

/** Where a live message carries the trace context of the work that stored its notification (tracing on). */
const TRACE_FIELD = '_trace';

/** The message on the channel: the notification, and with tracing on the trace it was made in. */
function liveMessage(notification: Notification): string {
  const trace = traceHeaders();
  return trace ? JSON.stringify({ ...notification, [TRACE_FIELD]: trace }) : serializeNotification(notification);
}

/** The notification in a live message; its trace goes with it (`carryContext`) to the websocket send. */
function fromLiveMessage(message: string): Notification {
  const raw = JSON.parse(message) as Parameters<typeof reviveNotification>[0] & { [TRACE_FIELD]?: Record<string, unknown> };
  const trace = raw[TRACE_FIELD];
  if (trace === undefined) return reviveNotification(raw);
  delete raw[TRACE_FIELD];
  const notification = reviveNotification(raw);
  carryContext(notification, contextFromHeaders(trace));
  return notification;
}

/**
 * Live fan-out of new notifications. Publishing goes through the shared pub/sub, never straight
 * to local sockets, so a subscriber on any replica gets each notification exactly once.
 */
export class LiveNotifications {
  constructor(
    private readonly cache: Cache,
    private readonly logger: Logger,
  ) {}

  async publish(notifications: readonly Notification[]): Promise<void> {
    await Promise.all(
      notifications.map((n) =>
        this.cache.publish(liveChannel(n.userId), liveMessage(n)).catch((err: unknown) => {
          this.logger.warn({ err, notificationId: n.id }, 'live publish failed; the client catches up on its next query');
        }),
      ),
    );
  }

  /**
   * An async iterator of the user's new notifications. The channel is subscribed before this
   * resolves, so nothing published afterwards is missed; `return()` (the socket closed or the
   * client completed) unsubscribes.
   */
  async subscribe(userId: string): Promise<AsyncIterableIterator<Notification>> {
    const queue: Notification[] = [];
    const waiting: ((result: IteratorResult<Notification>) => void)[] = [];
    let done = false;
    const unsubscribe = await this.cache.subscribe(liveChannel(userId), (message) => {
      let notification: Notification;
      try {
        notification = fromLiveMessage(message);
      } catch (err) {
        this.logger.warn({ err }, 'ignoring a malformed live notification');
        return;
      }
      // Channels are per user already; the check keeps a mis-published message from leaking.
      if (done || notification.userId !== userId) return;
      const next = waiting.shift();
      if (next) next({ value: notification, done: false });
      else queue.push(notification);
    });
    const finish = async (): Promise<IteratorResult<Notification>> => {
      if (!done) {
        done = true;
        for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
        await unsubscribe().catch((err: unknown) => this.logger.warn({ err }, 'live unsubscribe failed'));
      }
      return { value: undefined, done: true };
    };
    const iterator: AsyncIterator<Notification> = {
      next: () => {
        const queued = queue.shift();
        if (queued) return Promise.resolve({ value: queued, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: finish,
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
    };
    const iterable: AsyncIterableIterator<Notification> = Object.assign(iterator, { [Symbol.asyncIterator]: () => iterable });
    return iterable;
  }
}
