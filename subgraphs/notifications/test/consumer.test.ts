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
  it('turns ticket.purchased into one TICKET_PURCHASED with the event title, and a redelivered fact adds nothing', async () => {
    const event = facts.published({ title: 'Jazz Night', venue: 'Blue Hall' });
    await h.publish('event.published', event);
    const purchase = facts.purchased({ event_id: event.event_id });
    const factId = randomUUID();
    // The event fact comes first in practice; give the consumer time to store its title.
    await waitFor(
      async () => (await h.db.select().from(inbox).where(eq(inbox.consumerGroup, h.groupId))).length > 0,
      15_000,
      'event.published',
    );
    await h.publish('ticket.purchased', purchase, factId);
    const [created] = await waitFor(
      async () => {
        const rows = await notificationsOf(purchase.user_id);
        return rows.length > 0 && rows;
      },
      15_000,
      'the notification',
    );
    expect(created).toMatchObject({
      type: 'TICKET_PURCHASED',
      title: 'Your ticket for Jazz Night',
      ticketId: purchase.ticket_id,
      eventId: event.event_id,
    });

    await h.publish('ticket.purchased', purchase, factId);
    const marker = facts.purchased({ user_id: purchase.user_id });
    await h.publish('ticket.purchased', marker);
    await waitFor(async () => (await notificationsOf(purchase.user_id)).some((n) => n.ticketId === marker.ticket_id), 15_000, 'the marker');
    const rows = await notificationsOf(purchase.user_id);
    expect(rows.filter((n) => n.ticketId === purchase.ticket_id)).toHaveLength(1);
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
      await waitFor(async () => (await notificationsOf(next.user_id)).length === 1, 15_000, 'the next fact');
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
    expect(list.data?.notifications.edges.map((e) => e.node.type)).toEqual(['EVENT_REMINDER', 'TICKET_PURCHASED', 'TICKET_PURCHASED']);
  });

  it('with in-app off stores nothing the user can list or count', async () => {
    const userId = randomUUID();
    const token = await h.token(userId);
    await h.gql('mutation { updateNotificationPreferences(input: { inApp: false }) { inApp } }', {}, token);
    const purchase = facts.purchased({ user_id: userId });
    await h.publish('ticket.purchased', purchase);
    await waitFor(async () => (await notificationsOf(userId)).length === 1, 15_000, 'the hidden row');
    const answer = await h.gql<{ unreadCount: number; notifications: { edges: unknown[] } }>(
      '{ unreadCount notifications { edges { cursor } } }',
      {},
      token,
    );
    expect(answer.data).toEqual({ unreadCount: 0, notifications: { edges: [] } });
  });
});
