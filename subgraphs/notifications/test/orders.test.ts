import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFact } from '@sbor/messaging';
import { sleep, waitFor } from '@sbor/testing';
import { inbox, notifications, ticketHolders } from '../src/db/index.js';
import { facts, ROUTER_SECRET, startHarness, type Harness } from './support.js';

let h: Harness;
const clients: Client[] = [];
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await h?.stop();
});

const notificationsOf = (userId: string) =>
  h.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.seq);

/** The user's `notificationAdded` stream, as the router would open it. */
async function listen(userId: string) {
  const client = createClient({
    url: h.server.url.replace(/^http/, 'ws'),
    connectionParams: { 'router-authorization': ROUTER_SECRET, authorization: `Bearer ${await h.token(userId)}` },
    lazy: false,
    retryAttempts: 0,
  });
  clients.push(client);
  const received: { type: string; title: string; ticket: { id: string } | null }[] = [];
  client.subscribe<{ notificationAdded: (typeof received)[number] }>(
    { query: 'subscription { notificationAdded { type title ticket { id } } }' },
    { next: (r) => r.data && received.push(r.data.notificationAdded), error: () => {}, complete: () => {} },
  );
  await sleep(500);
  return received;
}

/** An event the service knows the title of, so texts can name it. */
async function publishedEvent(title: string) {
  const event = facts.published({ title });
  const factId = await h.publish('event.published', event);
  await waitFor(async () => (await h.db.select().from(inbox).where(eq(inbox.messageId, factId))).length > 0, 15_000, 'event.published');
  return event;
}

describe('order facts (real Kafka)', () => {
  it('order.paid gives the buyer one ORDER_PAID for the whole order, stored and delivered live', async () => {
    const event = await publishedEvent('Jazz Night');
    const order = facts.orderPaid({ event_id: event.event_id, ticket_ids: [randomUUID(), randomUUID(), randomUUID()] });
    const live = await listen(order.buyer_id);

    await h.publish('order.paid', order);
    for (const ticketId of order.ticket_ids) {
      await h.publish('ticket.purchased', facts.purchased({ ticket_id: ticketId, event_id: event.event_id, user_id: order.buyer_id }));
    }

    await waitFor(() => live.length > 0, 15_000, 'the live notification');
    await sleep(1_000);
    expect(live).toEqual([{ type: 'ORDER_PAID', title: 'Your tickets for Jazz Night are ready', ticket: { id: order.ticket_ids[0] } }]);
    const stored = await notificationsOf(order.buyer_id);
    expect(stored).toMatchObject([
      { type: 'ORDER_PAID', eventId: event.event_id, ticketId: order.ticket_ids[0], sourceFactId: expect.any(String) },
    ]);
    expect(stored[0]!.body).toMatch(new RegExp(`^Order ${order.number} is confirmed: 3 tickets for Jazz Night, €45\\.00 paid\\.`));
    const listed = await h.gql<{ notifications: { edges: { node: { type: string } }[] } }>(
      '{ notifications { edges { node { type } } } }',
      {},
      await h.token(order.buyer_id),
    );
    expect(listed.data?.notifications.edges.map((e) => e.node.type)).toEqual(['ORDER_PAID']);
  });

  it('order.refunded gives REFUND_ISSUED with the amount in its currency; a late payment reads as returned', async () => {
    const event = await publishedEvent('Jazz Night');
    const buyer = randomUUID();
    const ticketId = randomUUID();
    const refund = facts.orderRefunded({
      event_id: event.event_id,
      buyer_id: buyer,
      amount_cents: 1500,
      currency: 'USD',
      ticket_ids: [ticketId],
      status: 'PARTIALLY_REFUNDED',
    });
    const late = facts.orderRefunded({
      event_id: event.event_id,
      buyer_id: buyer,
      amount_cents: 4500,
      currency: 'JPY',
      ticket_ids: [],
      status: 'EXPIRED',
    });

    await h.publish('order.refunded', refund);
    await h.publish('order.refunded', late);

    const stored = await waitFor(
      async () => {
        const rows = await notificationsOf(buyer);
        return rows.length === 2 && rows;
      },
      15_000,
      'both refund notices',
    );
    const byTitle = Object.fromEntries(stored.map((n) => [n.title, n]));
    expect(stored.map((n) => n.type)).toEqual(['REFUND_ISSUED', 'REFUND_ISSUED']);
    expect(byTitle['Refund of $15.00 for Jazz Night']).toMatchObject({
      body: `$15.00 for order ${refund.number} is on its way back to you. 1 ticket was cancelled. Your other tickets in this order stay valid.`,
      ticketId,
    });
    expect(byTitle['Your payment of ¥4,500 was returned']).toMatchObject({
      body: `Your payment for order ${late.number} for Jazz Night arrived after the reservation had ended, so no tickets were issued and ¥4,500 was returned to you.`,
      ticketId: null,
    });
  });

  it('order.expired tells the buyer the hold ended; a buyer who muted ORDER_PAID gets no purchase notice', async () => {
    const buyer = randomUUID();
    const muted = await h.gql<{ updateNotificationPreferences: { mutedTypes: string[] } }>(
      'mutation { updateNotificationPreferences(input: { mutedTypes: [ORDER_PAID] }) { mutedTypes } }',
      {},
      await h.token(buyer),
    );
    expect(muted.data?.updateNotificationPreferences.mutedTypes).toEqual(['ORDER_PAID']);

    await h.publish('order.paid', facts.orderPaid({ buyer_id: buyer }));
    const expired = facts.orderExpired({ buyer_id: buyer });
    await h.publish('order.expired', expired);

    const ofType = (type: 'ORDER_PAID' | 'ORDER_EXPIRED') =>
      h.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, buyer), eq(notifications.type, type)));
    await waitFor(async () => (await ofType('ORDER_EXPIRED')).length > 0, 15_000, 'the expiry notice');
    await sleep(1_000);
    expect(await ofType('ORDER_EXPIRED')).toMatchObject([
      {
        title: 'Your reservation ended',
        body: `Order ${expired.number} was not paid in time, so its tickets went back on sale. Reserve again if you still want to go.`,
      },
    ]);
    expect(await ofType('ORDER_PAID')).toEqual([]);
  });

  it('applies a backlog of order.paid in one transaction: one ORDER_PAID per buyer, stored and published live once, even with a fact twice in it', async () => {
    const event = await publishedEvent('Backlog Night');
    const orders = Array.from({ length: 24 }, () => facts.orderPaid({ event_id: event.event_id }));
    const heard = new Map<string, number>();
    const unsubscribe = await Promise.all(
      orders.map((o) =>
        h.redis.subscribe(`notifications:${o.buyer_id}`, () => void heard.set(o.buyer_id, (heard.get(o.buyer_id) ?? 0) + 1)),
      ),
    );
    const envelopes = orders.map((o) => makeFact('order.paid', o));
    // One produce under one key: one partition, so the consumer fetches them as one batch.
    const key = randomUUID();
    await h.bus.publish([...envelopes, envelopes[3]!].map((fact) => ({ topic: 'order.paid', key, value: JSON.stringify(fact) })));

    const buyers = orders.map((o) => o.buyer_id);
    const stored = () => h.db.select().from(notifications).where(inArray(notifications.userId, buyers));
    await waitFor(async () => (await stored()).length >= buyers.length && heard.size === buyers.length, 15_000, 'every notification');
    await sleep(500);

    const rows = await stored();
    expect(rows.map((n) => n.userId).sort()).toEqual([...buyers].sort());
    expect(new Set(rows.map((n) => n.title))).toEqual(new Set(['Your tickets for Backlog Night are ready']));
    expect([...heard.values()]).toEqual(buyers.map(() => 1));
    const holders = await h.db.select().from(ticketHolders).where(inArray(ticketHolders.userId, buyers));
    expect(holders).toHaveLength(buyers.length * 2);
    // One transaction took them all (25 messages, the repeated one included), not one each.
    const text = await h.server.metrics.text();
    const inBigBatches = (le: string) =>
      Number(new RegExp(`^sbor_consumer_transaction_facts_bucket\\{le="${le}"[^}]*\\} (\\d+)$`, 'm').exec(text)?.[1]);
    expect(inBigBatches('50') - inBigBatches('20')).toBeGreaterThan(0);
    await Promise.all(unsubscribe.map((u) => u()));
  });
});
