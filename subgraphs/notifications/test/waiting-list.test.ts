import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '@sbor/testing';
import { deliveries, inbox, notifications } from '../src/db/index.js';
import { formatWhen } from '../src/domain/texts.js';
import { startSmtp } from './smtp.js';
import { facts, ROUTER_SECRET, startHarness, verifiedAddress, type Harness } from './support.js';

let smtp: Awaited<ReturnType<typeof startSmtp>>;
let h: Harness;
const clients: Client[] = [];
beforeAll(async () => {
  smtp = await startSmtp();
  h = await startHarness({ SMTP_URL: smtp.url, EMAIL_FROM: 'Sbor <notifications@sbor.test>' });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await h?.stop();
  await smtp?.close();
});

const notificationsOf = (userId: string) => h.db.select().from(notifications).where(eq(notifications.userId, userId));
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const applied = (factId: string) => async () => (await h.db.select().from(inbox).where(eq(inbox.messageId, factId))).length > 0;

/** The user's `notificationAdded` stream, as the router would open it. */
async function listen(userId: string) {
  const client = createClient({
    url: h.server.url.replace(/^http/, 'ws'),
    connectionParams: { 'router-authorization': ROUTER_SECRET, authorization: `Bearer ${await h.token(userId)}` },
    lazy: false,
    retryAttempts: 0,
  });
  clients.push(client);
  const received: { type: string; title: string; body: string; event: { id: string } | null }[] = [];
  client.subscribe<{ notificationAdded: (typeof received)[number] }>(
    { query: 'subscription { notificationAdded { type title body event { id } } }' },
    { next: (r) => r.data && received.push(r.data.notificationAdded), error: () => {}, complete: () => {} },
  );
  await sleep(500);
  return received;
}

describe('waitinglist.offered (real Kafka)', () => {
  it('gives the offered user one WAITING_LIST_OFFER: listed, live and emailed, and a redelivered fact adds none', async () => {
    const event = facts.published({ title: 'Jazz Night' });
    await waitFor(applied(await h.publish('event.published', event)), 15_000, 'event.published');
    const userId = randomUUID();
    const address = `cleo-${userId.slice(0, 8)}@example.com`;
    await verifiedAddress(h.db, userId, address);
    const live = await listen(userId);
    const offer = facts.waitingListOffered({ event_id: event.event_id, buyer_id: userId });
    const title = 'Your turn: 2 tickets for Jazz Night are held for you';
    const body =
      `From the waiting list: 2 tickets (Balcony) for Jazz Night are held for you until ${formatWhen(new Date(offer.offer_expires_at))}. ` +
      `Pay order ${offer.number} (€80.00) by then to claim them; after that they go to the next person in line.`;

    const factId = await h.publish('waitinglist.offered', offer);

    await waitFor(() => live.length > 0 && mailsTo(address).length > 0, 15_000, 'the live notification and the email');
    expect(live).toEqual([{ type: 'WAITING_LIST_OFFER', title, body, event: { id: event.event_id } }]);
    const [mail] = mailsTo(address);
    expect(mail!.raw).toMatch(new RegExp(`^Subject: ${title}$`, 'm'));
    expect(mail!.raw).toContain(offer.number);
    const listed = await h.gql<{ notifications: { edges: { node: { type: string; title: string; body: string } }[] } }>(
      '{ notifications { edges { node { type title body } } } }',
      {},
      await h.token(userId),
    );
    expect(listed.data?.notifications.edges.map((e) => e.node)).toEqual([{ type: 'WAITING_LIST_OFFER', title, body }]);

    // The same fact again, then another one under the same key: Kafka hands them over in order,
    // so once the second is applied the redelivery has been seen.
    await h.publish('waitinglist.offered', offer, factId);
    const next = facts.waitingListOffered({ order_id: offer.order_id, event_id: event.event_id });
    await waitFor(applied(await h.publish('waitinglist.offered', next)), 15_000, 'the fact after the redelivery');
    await sleep(500);

    const stored = await notificationsOf(userId);
    expect(stored).toMatchObject([
      { type: 'WAITING_LIST_OFFER', title, body, eventId: event.event_id, ticketId: null, sourceFactId: factId },
    ]);
    expect(await h.db.select().from(deliveries).where(eq(deliveries.notificationId, stored[0]!.id))).toMatchObject([{ channel: 'EMAIL' }]);
    expect(live).toHaveLength(1);
    expect(mailsTo(address)).toHaveLength(1);
  });

  it('sends nothing to a user who muted WAITING_LIST_OFFER', async () => {
    const userId = randomUUID();
    const muted = await h.gql<{ updateNotificationPreferences: { mutedTypes: string[] } }>(
      'mutation { updateNotificationPreferences(input: { mutedTypes: [WAITING_LIST_OFFER] }) { mutedTypes } }',
      {},
      await h.token(userId),
    );
    expect(muted.data?.updateNotificationPreferences.mutedTypes).toEqual(['WAITING_LIST_OFFER']);

    await waitFor(applied(await h.publish('waitinglist.offered', facts.waitingListOffered({ buyer_id: userId }))), 15_000, 'the offer');

    expect(await notificationsOf(userId)).toEqual([]);
  });
});
