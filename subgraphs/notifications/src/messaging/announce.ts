import { LATENCY_BUCKETS, type ServiceMetrics } from '@sbor/core';
import { PIPELINE_BUCKETS, secondsSinceStamp, TraceHeaders } from '@sbor/messaging';
import type { Notification } from '../domain/notification.js';
import type { CommittedFacts } from './consumer.js';

export interface AnnounceTargets {
  /** Drops the cached unread counts and first pages of these users. */
  invalidate(userIds: readonly string[]): Promise<void>;
  /** Publishes new in-app notifications on their users' live channels. */
  publish(notifications: readonly Notification[]): Promise<void>;
  /** Tells the email/push worker that sends are queued. */
  nudge(): void;
}

/**
 * What a committed consumer transaction announces, once for all its facts: a backlog applied in
 * one transaction is invalidated in one Redis call and published in one round, not one round trip
 * per fact. The cache goes first, so a client that reacts to a live notification by reading its
 * unread count does not read the count from before it.
 */
export function announcer(targets: AnnounceTargets, metrics: ServiceMetrics) {
  const publishTime = metrics.histogram({
    name: 'sbor_notifications_live_publish_seconds',
    help: 'One live publish round on Redis: every in-app notification of one consumer transaction.',
    buckets: LATENCY_BUCKETS,
  });
  const liveLag = metrics.histogram({
    name: 'sbor_notifications_live_lag_seconds',
    help: "Outbox row of a fact written (in its producer's transaction) until its consumer transaction's notifications were published live.",
    labelNames: ['topic'],
    buckets: PIPELINE_BUCKETS,
  });
  return async ({ recorded, applied }: CommittedFacts): Promise<void> => {
    await targets.invalidate(recorded.userIds);
    if (recorded.inApp.length > 0) {
      const started = performance.now();
      // In the order they were stored, so each user's channel carries them in list order.
      await targets.publish([...recorded.inApp].sort((a, b) => a.seq - b.seq));
      publishTime.observe((performance.now() - started) / 1000);
      const now = Date.now();
      for (const { message } of applied) {
        const lag = secondsSinceStamp(message.headers, TraceHeaders.writtenAt, now);
        if (lag !== undefined) liveLag.observe({ topic: message.topic }, lag);
      }
    }
    if (recorded.deliveries > 0) targets.nudge();
  };
}

/**
 * Whether live delivery announced anything within the last `windowMs`: while it does, a backlog
 * of facts is flowing, and the delivery worker (same process) holds back.
 */
export function liveActivity(windowMs = 250) {
  let last = Number.NEGATIVE_INFINITY;
  return {
    touch: () => void (last = performance.now()),
    busy: () => performance.now() - last < windowMs,
  };
}
