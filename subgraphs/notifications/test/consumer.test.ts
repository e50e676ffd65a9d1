import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterHeaders, type IncomingMessage, type Subscription } from '@sbor/messaging';
import { inbox, notifications, ticketHolders } from '../src/db/index.js';
import { sleep, waitFor } from '@sbor/testing';
import { facts, startHarness, type Harness } from './support.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const notificationsOf = (userId: string) => h.db.select().from(notifications).where(eq(notifications.userId, userId));

describe('fact consumer (real Kafka)', () => {
  it('turns order.paid into one ORDER_PAID with the event title however many tickets, ticket.purchased adds none, and a redelivered fact adds nothing', async () => {
    const event = facts.published({ title: 'Jazz Night', venue: 'Blue Hall' });
    await h.publish('event.published', event);
    const order = facts.orderPaid({ event_id: event.event_id, ticket_ids: [randomUUID(), randomUUID(), randomUUID()] });
    const factId = randomUUID();
    // The event fact comes first in practice; give the consumer time to store its title.
    await waitFor(
      async () => (await h.db.select().from(inbox).where(eq(inbox.consumerGroup, h.groupId))).length > 0,
      15_000,
      'event.published',
    );
    await h.publish('order.paid', order, factId);
    const purchaseFactIds: string[] = [];
    for (const ticketId of order.ticket_ids) {
      purchaseFactIds.push(
        await h.publish('ticket.purchased', facts.purchased({ ticket_id: ticketId, event_id: event.event_id, user_id: order.buyer_id })),
      );
    }
    const [created] = await waitFor(
      async () => {
        const rows = await notificationsOf(order.buyer_id);
        return rows.length > 0 && rows;
      },
      15_000,
      'the notification',
    );
    expect(created).toMatchObject({
      type: 'ORDER_PAID',
      title: 'Your tickets for Jazz Night are ready',
      ticketId: order.ticket_ids[0],
      eventId: event.event_id,
    });
    expect(created!.body).toContain(`Order ${order.number} is confirmed: 3 tickets for Jazz Night`);

    await h.publish('order.paid', order, factId);
    const marker = facts.orderPaid({ buyer_id: order.buyer_id });
    await h.publish('order.paid', marker);
    await waitFor(
      async () => (await notificationsOf(order.buyer_id)).some((n) => n.ticketId === marker.ticket_ids[0]),
      15_000,
      'the marker',
    );
    // Every ticket.purchased was applied, and none added a notice.
    await waitFor(
      async () =>
        (await h.db.select().from(inbox).where(eq(inbox.consumerGroup, h.groupId))).filter((r) => purchaseFactIds.includes(r.messageId))
          .length === 3,
      15_000,
      'the ticket facts',
    );
    const rows = await notificationsOf(order.buyer_id);
    expect(rows.map((n) => n.type)).toEqual(['ORDER_PAID', 'ORDER_PAID']);
    expect(rows.filter((n) => n.ticketId === order.ticket_ids[0])).toHaveLength(1);
  });

  it('parks a poison message in the dead-letter topic and goes on with the next one', async () => {
    const key = randomUUID();
    const parked: IncomingMessage[] = [];
    const watcher: Subscription = await h.bus.subscribe({
      groupId: `${h.groupId}-dlq-watch`,
      topics: ['ticket.purchased.dlq'],
      startAt: 'latest',
      handler: async (m) => {
        if (m.key === key) parked.push(m);
      },
    });
    try {
      await h.publishRaw('ticket.purchased', key, '{"this is": "not a fact"}');
      const next = facts.purchased({ ticket_id: key });
      await h.publish('ticket.purchased', next);
      await waitFor(() => parked.length > 0, 20_000, 'the dead letter');
      expect(parked[0]!.headers).toMatchObject({
        [DeadLetterHeaders.groupId]: h.groupId,
        [DeadLetterHeaders.errorName]: 'MalformedFactError',
        [DeadLetterHeaders.originalTopic]: 'ticket.purchased',
      });
      await waitFor(
        async () => (await h.db.select().from(ticketHolders).where(eq(ticketHolders.ticketId, next.ticket_id))).length === 1,
        15_000,
        'the next fact',
      );
    } finally {
      await watcher.stop();
    }
  });

  it('notifies each holder of a cancelled event once, however many tickets they hold, and nobody else', async () => {
    const eventId = randomUUID();
    const [ann, bob, stranger] = [randomUUID(), randomUUID(), randomUUID()];
    const tickets = [
      facts.purchased({ event_id: eventId, user_id: ann }),
      facts.purchased({ event_id: eventId, user_id: ann }),
      facts.purchased({ event_id: eventId, user_id: bob }),
      facts.purchased({ user_id: stranger }),
    ];
    for (const t of tickets) await h.publish('ticket.purchased', t);
    await waitFor(
      async () => (await h.db.select().from(ticketHolders).where(eq(ticketHolders.eventId, eventId))).length === 3,
      15_000,
      'holders',
    );
    // The tickets service cancels the tickets too; those facts must not add notices of their own.
    for (const t of tickets.slice(0, 3)) {
      await h.publish('ticket.cancelled', facts.ticketCancelled({ ticket_id: t.ticket_id, event_id: eventId, user_id: t.user_id }));
    }
    await h.publish('event.cancelled', facts.cancelled({ event_id: eventId, title: 'Jazz Night' }));

    const cancelledFor = async (userId: string) =>
      h.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.type, 'EVENT_CANCELLED')));
    await waitFor(async () => (await cancelledFor(ann)).length > 0 && (await cancelledFor(bob)).length > 0, 15_000, 'cancellation notices');
    await sleep(1_000);
    expect(await cancelledFor(ann)).toHaveLength(1);
    expect(await cancelledFor(bob)).toHaveLength(1);
    expect(await cancelledFor(stranger)).toHaveLength(0);
    expect((await cancelledFor(ann))[0]).toMatchObject({ title: 'Jazz Night is cancelled', eventId, ticketId: null });
  });

  it('reminds each active holder once, and a holder who muted reminders gets nothing', async () => {
    const eventId = randomUUID();
    const [ann, muted] = [randomUUID(), randomUUID()];
    const annToken = await h.token(ann);
    await h.gql(
      'mutation { updateNotificationPreferences(input: { mutedTypes: [EVENT_REMINDER] }) { mutedTypes } }',
      {},
      await h.token(muted),
    );
    for (const userId of [ann, ann, muted]) await h.publish('ticket.purchased', facts.purchased({ event_id: eventId, user_id: userId }));
    await waitFor(
      async () => (await h.db.select().from(ticketHolders).where(eq(ticketHolders.eventId, eventId))).length === 3,
      15_000,
      'holders',
    );

    await h.publish('event.reminder', facts.reminder({ event_id: eventId, title: 'Jazz Night', venue: 'Blue Hall', offset: '1h' }));
    const reminders = (userId: string) =>
      h.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, userId), eq(notifications.type, 'EVENT_REMINDER')));
    await waitFor(async () => (await reminders(ann)).length > 0, 15_000, 'the reminder');
    await sleep(500);
    expect(await reminders(ann)).toHaveLength(1);
    expect((await reminders(ann))[0]!.title).toBe('Jazz Night starts in 1 hour at Blue Hall');
    expect(await reminders(muted)).toHaveLength(0);
    const list = await h.gql<{ notifications: { edges: { node: { type: string } }[] } }>(
      '{ notifications { edges { node { type } } } }',
      {},
      annToken,
    );
    // ticket.purchased made them holders without a notice of its own.
    expect(list.data?.notifications.edges.map((e) => e.node.type)).toEqual(['EVENT_REMINDER']);
  });

  it('with in-app off stores nothing the user can list or count', async () => {
    const userId = randomUUID();
    const token = await h.token(userId);
    await h.gql('mutation { updateNotificationPreferences(input: { inApp: false }) { inApp } }', {}, token);
    await h.publish('order.paid', facts.orderPaid({ buyer_id: userId }));
    await waitFor(async () => (await notificationsOf(userId)).length === 1, 15_000, 'the hidden row');
    const answer = await h.gql<{ unreadCount: number; notifications: { edges: unknown[] } }>(
      '{ unreadCount notifications { edges { cursor } } }',
      {},
      token,
    );
    expect(answer.data).toEqual({ unreadCount: 0, notifications: { edges: [] } });
  });
});
