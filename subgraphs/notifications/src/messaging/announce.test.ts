import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from '@sbor/core';
import { makeFact, TraceHeaders, type IncomingMessage } from '@sbor/messaging';
import type { Notification } from '../domain/notification.js';
import { announcer, liveActivity } from './announce.js';
import type { CommittedFacts } from './consumer.js';

const notification = (userId: string, seq: number): Notification => ({
  id: randomUUID(),
  userId,
  type: 'ORDER_PAID',
  title: 'Your ticket is ready',
  body: '…',
  read: false,
  createdAt: new Date(),
  eventId: null,
  ticketId: null,
  seq,
});

function committed(inApp: Notification[], deliveries = 0, writtenAt = Date.now() - 30): CommittedFacts {
  const fact = makeFact('order.paid', {
    order_id: randomUUID(),
    number: 'SB-7KQ2-XR4M',
    event_id: randomUUID(),
    buyer_id: randomUUID(),
    total_cents: 0,
    currency: 'EUR',
    provider: 'FREE',
    paid_at: new Date().toISOString(),
    ticket_ids: [randomUUID()],
  });
  const message: IncomingMessage = {
    topic: 'order.paid',
    key: 'k',
    value: '',
    headers: { [TraceHeaders.writtenAt]: String(writtenAt) },
    partition: 0,
    offset: '0',
  };
  return { recorded: { inApp, userIds: inApp.map((n) => n.userId), deliveries }, applied: [{ result: undefined, fact, message }] };
}

describe('announcer', () => {
  it("announces a transaction once: the users' caches first, then one publish of its notifications in list order", async () => {
    const calls: string[] = [];
    const published: Notification[][] = [];
    const announce = announcer(
      {
        invalidate: async (userIds) => void calls.push(`invalidate ${userIds.length}`),
        publish: async (notifications) => {
          calls.push('publish');
          published.push([...notifications]);
        },
        nudge: () => void calls.push('nudge'),
      },
      createServiceMetrics('notifications'),
    );
    const [a, b, c] = [notification('ann', 7), notification('bob', 5), notification('ann', 6)];

    await announce(committed([a, b, c]));

    expect(calls).toEqual(['invalidate 3', 'publish']);
    expect(published).toEqual([[b, c, a]]);
  });

  it('wakes the delivery worker only when sends were queued, and times the fact from its outbox row', async () => {
    const calls: string[] = [];
    const metrics = createServiceMetrics('notifications');
    const announce = announcer({ invalidate: async () => {}, publish: async () => {}, nudge: () => void calls.push('nudge') }, metrics);

    await announce(committed([notification('ann', 1)], 0));
    await announce(committed([notification('bob', 2)], 2));

    expect(calls).toEqual(['nudge']);
    expect(await metrics.text()).toMatch(/^sbor_notifications_live_lag_seconds_count\{[^}]*topic="order.paid"[^}]*\} 2$/m);
  });
});

describe('liveActivity', () => {
  it('reads busy for a while after each touch, then idle', async () => {
    const activity = liveActivity(30);
    expect(activity.busy()).toBe(false);
    activity.touch();
    expect(activity.busy()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(activity.busy()).toBe(false);
  });
});
