import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeFact, type Fact, type FactData, type Topic } from '@sbor/messaging';
import { inMemoryNotificationsRepositories } from '../domain/in-memory.js';
import { applyPreferencesChange, DEFAULT_PREFERENCES } from '../domain/preferences.js';
import { formatWhen } from '../domain/texts.js';
import { applyFact } from './fact-handlers.js';
import { emailTarget } from '../domain/contacts.js';

let repositories: ReturnType<typeof inMemoryNotificationsRepositories>;
beforeEach(() => {
  repositories = inMemoryNotificationsRepositories();
});

const apply = <T extends Topic>(fact: Fact<T>) => applyFact(fact, repositories, { email: true });
const fact = <T extends Topic>(topic: T, data: FactData<T>) => makeFact(topic, data);
const noticesOf = (userId: string) =>
  repositories.memory.notifications
    .filter((n) => n.userId === userId)
    .map((n) => ({ type: n.type, title: n.title, sourceFactId: n.sourceFactId }));

const eventId = randomUUID();
const future = new Date(Date.now() + 7 * 86_400_000).toISOString();
const published = () =>
  fact('event.published', {
    event_id: eventId,
    organizer_id: randomUUID(),
    title: 'Jazz Night',
    starts_at: future,
    ends_at: future,
    venue: 'Blue Hall',
    published_at: new Date().toISOString(),
  });
const purchased = (userId: string, ticketId: string = randomUUID()) =>
  fact('ticket.purchased', {
    ticket_id: ticketId,
    event_id: eventId,
    ticket_type_id: randomUUID(),
    user_id: userId,
    status: 'ACTIVE',
    purchased_at: new Date().toISOString(),
  });
const ticketCancelled = (userId: string, ticketId: string, reason = 'EVENT_CANCELLED') =>
  fact('ticket.cancelled', {
    ticket_id: ticketId,
    event_id: eventId,
    user_id: userId,
    reason,
    cancelled_at: new Date().toISOString(),
  });
const eventCancelled = () =>
  fact('event.cancelled', {
    event_id: eventId,
    organizer_id: randomUUID(),
    title: 'Jazz Night',
    reason: 'The band is ill',
    cancelled_at: new Date().toISOString(),
    starts_at: future,
  });
const reminder = () =>
  fact('event.reminder', {
    event_id: eventId,
    title: 'Jazz Night',
    starts_at: future,
    venue: 'Blue Hall',
    offset: '1h',
    reminder_id: randomUUID(),
  });

const orderFields = (buyerId: string) => ({ order_id: randomUUID(), number: 'SB-7KQ2-XR4M', event_id: eventId, buyer_id: buyerId });
const orderPaid = (buyerId: string, ticketIds: string[], totalCents = 4500) =>
  fact('order.paid', {
    ...orderFields(buyerId),
    total_cents: totalCents,
    currency: 'EUR',
    provider: 'SANDBOX',
    paid_at: new Date().toISOString(),
    ticket_ids: ticketIds,
  });
const orderExpired = (buyerId: string) => fact('order.expired', { ...orderFields(buyerId), expired_at: new Date().toISOString() });
const orderRefunded = (buyerId: string, o: Partial<FactData<'order.refunded'>> = {}) =>
  fact('order.refunded', {
    ...orderFields(buyerId),
    refund_id: randomUUID(),
    amount_cents: 3000,
    currency: 'EUR',
    ticket_ids: [randomUUID(), randomUUID()],
    reason: null,
    status: 'REFUNDED',
    refunded_at: new Date().toISOString(),
    ...o,
  });
const offerExpiresAt = new Date(Date.now() + 3_600_000);
const waitingListOffered = (userId: string, o: Partial<FactData<'waitinglist.offered'>> = {}) =>
  fact('waitinglist.offered', {
    ...orderFields(userId),
    entry_id: randomUUID(),
    ticket_type_id: randomUUID(),
    ticket_type_name: 'Balcony',
    quantity: 2,
    total_cents: 8000,
    currency: 'EUR',
    offer_expires_at: offerExpiresAt.toISOString(),
    ...o,
  });
const stored = (userId: string) => repositories.memory.notifications.filter((n) => n.userId === userId);

describe('ticket.purchased', () => {
  it('records the buyer as a holder and notifies nobody: the purchase notice comes once per order, from order.paid', async () => {
    const buyer = randomUUID();
    const ticketId = randomUUID();
    await apply(published());

    const recorded = await apply(purchased(buyer, ticketId));

    expect(noticesOf(buyer)).toEqual([]);
    expect(recorded).toEqual({ inApp: [], userIds: [], deliveries: 0 });
    expect(await repositories.holders.find(ticketId)).toMatchObject({ userId: buyer, eventId, status: 'ACTIVE' });
  });

  it('still lets an event cancellation and a reminder reach that buyer', async () => {
    const [cancelledBuyer, remindedBuyer] = [randomUUID(), randomUUID()];
    await apply(purchased(cancelledBuyer));
    await apply(eventCancelled());
    const otherEvent = randomUUID();
    await apply(fact('ticket.purchased', { ...purchased(remindedBuyer).data, event_id: otherEvent }));

    await apply(fact('event.reminder', { ...reminder().data, event_id: otherEvent }));

    expect(noticesOf(cancelledBuyer)).toMatchObject([{ type: 'EVENT_CANCELLED', title: 'Jazz Night is cancelled' }]);
    expect(noticesOf(remindedBuyer)).toMatchObject([{ type: 'EVENT_REMINDER', title: 'Jazz Night starts in 1 hour at Blue Hall' }]);
  });
});

describe('ticket.checkin', () => {
  it('tells the holder which ticket was checked in', async () => {
    const holder = randomUUID();
    const ticketId = randomUUID();
    await apply(published());
    await apply(purchased(holder, ticketId));

    await apply(
      fact('ticket.checkin', {
        ticket_id: ticketId,
        event_id: eventId,
        user_id: holder,
        checked_in_by: randomUUID(),
        checked_in_at: new Date().toISOString(),
      }),
    );

    const checkedIn = noticesOf(holder).filter((n) => n.type === 'TICKET_CHECKED_IN');
    expect(checkedIn).toMatchObject([{ title: 'Checked in to Jazz Night' }]);
    expect(repositories.memory.notifications.find((n) => n.type === 'TICKET_CHECKED_IN')?.body).toContain('Your ticket for Jazz Night');
  });
});

describe('event.cancelled', () => {
  it('tells each holder once however many tickets they hold, and nobody else', async () => {
    const [ann, bob, refunded, stranger] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const refundedTicket = randomUUID();
    for (const userId of [ann, ann, bob, refunded]) await apply(purchased(userId, userId === refunded ? refundedTicket : randomUUID()));
    await apply(ticketCancelled(refunded, refundedTicket, 'REFUNDED'));
    await apply(fact('ticket.purchased', { ...purchased(stranger).data, event_id: randomUUID() }));

    const recorded = await apply(eventCancelled());

    expect(recorded.userIds.sort()).toEqual([ann, bob].sort());
    for (const holder of [ann, bob]) expect(noticesOf(holder).filter((n) => n.type === 'EVENT_CANCELLED')).toHaveLength(1);
    expect(noticesOf(refunded).filter((n) => n.type === 'EVENT_CANCELLED')).toEqual([]);
    expect(noticesOf(stranger).filter((n) => n.type === 'EVENT_CANCELLED')).toEqual([]);
  });

  it('adds no notice of its own for each ticket the cancellation cancels', async () => {
    const holder = randomUUID();
    const tickets = [randomUUID(), randomUUID()];
    for (const ticketId of tickets) await apply(purchased(holder, ticketId));
    for (const ticketId of tickets) await apply(ticketCancelled(holder, ticketId));
    const cancellation = eventCancelled();

    await apply(cancellation);
    for (const ticketId of tickets) await apply(ticketCancelled(holder, ticketId));

    expect(noticesOf(holder).filter((n) => n.type === 'EVENT_CANCELLED')).toEqual([
      { type: 'EVENT_CANCELLED', title: 'Jazz Night is cancelled', sourceFactId: cancellation.id },
    ]);
  });

  it('tells a holder whose ticket fact came after the cancellation, with the same notice, once', async () => {
    const late = randomUUID();
    const ticketId = randomUUID();
    const cancellation = eventCancelled();
    await apply(cancellation);

    await apply(purchased(late, ticketId));
    await apply(ticketCancelled(late, ticketId));

    expect(noticesOf(late).filter((n) => n.type === 'EVENT_CANCELLED')).toEqual([
      { type: 'EVENT_CANCELLED', title: 'Jazz Night is cancelled', sourceFactId: cancellation.id },
    ]);
  });
});

describe('event.reminder', () => {
  it('reminds each active holder once; a checked-in holder and one who muted reminders get nothing', async () => {
    const [ann, muted, inside] = [randomUUID(), randomUUID(), randomUUID()];
    const insideTicket = randomUUID();
    await repositories.preferences.update(muted, () => applyPreferencesChange(DEFAULT_PREFERENCES, { mutedTypes: ['EVENT_REMINDER'] }));
    for (const userId of [ann, ann, muted]) await apply(purchased(userId));
    await apply(purchased(inside, insideTicket));
    await apply(
      fact('ticket.checkin', {
        ticket_id: insideTicket,
        event_id: eventId,
        user_id: inside,
        checked_in_by: randomUUID(),
        checked_in_at: new Date().toISOString(),
      }),
    );

    await apply(reminder());

    expect(noticesOf(ann).filter((n) => n.type === 'EVENT_REMINDER')).toMatchObject([
      { title: 'Jazz Night starts in 1 hour at Blue Hall' },
    ]);
    expect(noticesOf(muted).filter((n) => n.type === 'EVENT_REMINDER')).toEqual([]);
    expect(noticesOf(inside).filter((n) => n.type === 'EVENT_REMINDER')).toEqual([]);
  });

  it('reminds nobody of an event known to be cancelled', async () => {
    const holder = randomUUID();
    await apply(purchased(holder));
    await apply(eventCancelled());

    expect((await apply(reminder())).userIds).toEqual([]);
    expect(noticesOf(holder).filter((n) => n.type === 'EVENT_REMINDER')).toEqual([]);
  });
});

const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1_000);
/** `user.registered` as the users service writes it when the address is set `secondsAgo`. */
const registered = (userId: string, email: string, secondsAgo = 60) =>
  makeFact(
    'user.registered',
    { user_id: userId, email, display_name: 'Ann', registered_at: at(600).toISOString() },
    { timestamp: at(secondsAgo) },
  );
const emailVerified = (userId: string, secondsAgo = 30) =>
  fact('user.email_verified', { user_id: userId, verified_at: at(secondsAgo).toISOString() });
const emailTo = async (userId: string) => emailTarget(await repositories.contacts.of(userId));

describe('user.registered', () => {
  it('remembers where to email the user, unverified, and notifies nobody', async () => {
    const userId = randomUUID();

    const recorded = await apply(registered(userId, 'ann@example.com'));

    expect(await repositories.contacts.of(userId)).toMatchObject({ email: 'ann@example.com', verifiedAt: null });
    expect(await emailTo(userId)).toEqual({ skip: 'not verified' });
    expect(recorded.userIds).toEqual([]);
  });

  it('un-verifies the user when it names a new address (an email change)', async () => {
    const userId = randomUUID();
    await apply(registered(userId, 'ann@example.com', 60));
    await apply(emailVerified(userId, 50));

    await apply(registered(userId, 'ann@elsewhere.example', 10));

    expect(await repositories.contacts.of(userId)).toMatchObject({ email: 'ann@elsewhere.example', verifiedAt: null });
    expect(await emailTo(userId)).toEqual({ skip: 'not verified' });
  });

  it('keeps the verification when it names the same address again', async () => {
    const userId = randomUUID();
    await apply(registered(userId, 'ann@example.com', 60));
    await apply(emailVerified(userId, 50));

    await apply(registered(userId, 'ann@example.com', 10));

    expect(await emailTo(userId)).toEqual({ to: 'ann@example.com' });
  });

  it('never brings back an older address than the one it knows', async () => {
    const userId = randomUUID();
    await apply(registered(userId, 'new@example.com', 10));

    await apply(registered(userId, 'old@example.com', 60));

    expect((await repositories.contacts.of(userId))?.email).toBe('new@example.com');
  });
});

describe('user.email_verified', () => {
  it('lets email go to the address user.registered named, and notifies nobody', async () => {
    const userId = randomUUID();
    await apply(registered(userId, 'ann@example.com', 60));

    const recorded = await apply(emailVerified(userId, 30));

    expect(await emailTo(userId)).toEqual({ to: 'ann@example.com' });
    expect(recorded.userIds).toEqual([]);
  });

  it('counts when it arrives before the address it verifies (another topic)', async () => {
    const userId = randomUUID();
    await apply(emailVerified(userId, 30));
    expect(await emailTo(userId)).toEqual({ skip: 'no address' });

    await apply(registered(userId, 'ann@example.com', 60));

    expect(await emailTo(userId)).toEqual({ to: 'ann@example.com' });
  });

  it('counts when it arrives before the new address it verifies, after an old verified one', async () => {
    const userId = randomUUID();
    await apply(registered(userId, 'old@example.com', 120));
    await apply(emailVerified(userId, 100));

    await apply(emailVerified(userId, 10));
    await apply(registered(userId, 'new@example.com', 30));

    expect(await emailTo(userId)).toEqual({ to: 'new@example.com' });
  });

  it('never verifies a newer address when it verified an older one and came late', async () => {
    const userId = randomUUID();
    await apply(registered(userId, 'old@example.com', 120));
    await apply(registered(userId, 'new@example.com', 30));

    await apply(emailVerified(userId, 100));

    expect(await emailTo(userId)).toEqual({ skip: 'not verified' });
  });
});

describe('order.paid', () => {
  it('tells the buyer once per order however many tickets, naming the event, the ticket count and the order number', async () => {
    const [buyer, stranger] = [randomUUID(), randomUUID()];
    const tickets = [randomUUID(), randomUUID(), randomUUID()];
    await apply(published());

    const recorded = await apply(orderPaid(buyer, tickets));
    for (const ticketId of tickets) await apply(purchased(buyer, ticketId));

    expect(stored(buyer)).toMatchObject([
      {
        type: 'ORDER_PAID',
        title: 'Your tickets for Jazz Night are ready',
        body: `Order SB-7KQ2-XR4M is confirmed: 3 tickets for Jazz Night, €45.00 paid. It starts ${formatWhen(new Date(future))} at Blue Hall. Show their QR codes at the door.`,
        eventId,
        ticketId: tickets[0],
      },
    ]);
    expect(recorded.inApp.map((n) => n.userId)).toEqual([buyer]);
    expect(recorded.deliveries).toBe(1);
    expect(stored(stranger)).toEqual([]);
  });

  it('sends one notice for each order the buyer pays', async () => {
    const buyer = randomUUID();

    await apply(orderPaid(buyer, [randomUUID()]));
    await apply(orderPaid(buyer, [randomUUID(), randomUUID()]));

    expect(noticesOf(buyer).map((n) => n.type)).toEqual(['ORDER_PAID', 'ORDER_PAID']);
  });

  it('reads well when the event is not known yet', async () => {
    const buyer = randomUUID();

    await apply(orderPaid(buyer, [randomUUID()], 0));

    expect(stored(buyer)).toMatchObject([
      { title: 'Your ticket is ready', body: 'Order SB-7KQ2-XR4M is confirmed: 1 ticket for your event. Show its QR code at the door.' },
    ]);
  });

  it('makes the buyer a holder, so an event cancellation and a reminder reach them without ticket.purchased', async () => {
    const [cancelledBuyer, remindedBuyer] = [randomUUID(), randomUUID()];
    await apply(orderPaid(cancelledBuyer, [randomUUID()]));
    await apply(eventCancelled());
    const otherEvent = randomUUID();
    await apply(fact('order.paid', { ...orderPaid(remindedBuyer, [randomUUID()]).data, event_id: otherEvent }));

    await apply(fact('event.reminder', { ...reminder().data, event_id: otherEvent }));

    expect(noticesOf(cancelledBuyer).map((n) => n.type)).toEqual(['ORDER_PAID', 'EVENT_CANCELLED']);
    expect(noticesOf(remindedBuyer).map((n) => n.type)).toEqual(['ORDER_PAID', 'EVENT_REMINDER']);
  });

  it('tells a buyer whose order came after the event was cancelled about the cancellation too, once', async () => {
    const buyer = randomUUID();
    const ticketId = randomUUID();
    const cancellation = eventCancelled();
    await apply(cancellation);

    await apply(orderPaid(buyer, [ticketId]));
    await apply(purchased(buyer, ticketId));

    expect(noticesOf(buyer).filter((n) => n.type === 'EVENT_CANCELLED')).toEqual([
      { type: 'EVENT_CANCELLED', title: 'Jazz Night is cancelled', sourceFactId: cancellation.id },
    ]);
  });

  it('stores nothing for a buyer who muted ORDER_PAID, and still records them as a holder', async () => {
    const buyer = randomUUID();
    const ticketId = randomUUID();
    await repositories.preferences.update(buyer, () => applyPreferencesChange(DEFAULT_PREFERENCES, { mutedTypes: ['ORDER_PAID'] }));

    const recorded = await apply(orderPaid(buyer, [ticketId]));

    expect(stored(buyer)).toEqual([]);
    expect(recorded).toEqual({ inApp: [], userIds: [], deliveries: 0 });
    expect(await repositories.holders.find(ticketId)).toMatchObject({ userId: buyer, status: 'ACTIVE' });
  });

  it('adds nothing when the same fact is delivered again', async () => {
    const buyer = randomUUID();
    const once = orderPaid(buyer, [randomUUID(), randomUUID()]);
    await apply(once);

    const again = await apply(once);

    expect(noticesOf(buyer)).toEqual([{ type: 'ORDER_PAID', title: 'Your tickets are ready', sourceFactId: once.id }]);
    expect(again).toEqual({ inApp: [], userIds: [], deliveries: 0 });
  });
});

describe('order.expired', () => {
  it('tells the buyer the reservation ended and the tickets went back on sale', async () => {
    const buyer = randomUUID();
    await apply(published());

    await apply(orderExpired(buyer));

    expect(stored(buyer)).toMatchObject([
      {
        type: 'ORDER_EXPIRED',
        title: 'Your reservation for Jazz Night ended',
        body: 'Order SB-7KQ2-XR4M for Jazz Night was not paid in time, so its tickets went back on sale. Reserve again if you still want to go.',
        eventId,
        ticketId: null,
      },
    ]);
  });

  it('adds nothing when the same fact is delivered again', async () => {
    const buyer = randomUUID();
    const once = orderExpired(buyer);

    await apply(once);
    expect((await apply(once)).userIds).toEqual([]);

    expect(noticesOf(buyer)).toEqual([{ type: 'ORDER_EXPIRED', title: 'Your reservation ended', sourceFactId: once.id }]);
  });
});

describe('order.refunded', () => {
  it('tells the buyer the amount in its currency and how many tickets the refund cancelled', async () => {
    const buyer = randomUUID();
    await apply(published());

    await apply(orderRefunded(buyer, { reason: 'Seats double-booked' }));

    expect(stored(buyer)).toMatchObject([
      {
        type: 'REFUND_ISSUED',
        title: 'Refund of €30.00 for Jazz Night',
        body: '€30.00 for order SB-7KQ2-XR4M is on its way back to you. 2 tickets were cancelled. Reason: Seats double-booked.',
        eventId,
        ticketId: null,
      },
    ]);
  });

  it('links the one ticket of a partial refund and says the rest of the order stays valid', async () => {
    const buyer = randomUUID();
    const ticketId = randomUUID();

    await apply(orderRefunded(buyer, { amount_cents: 1500, currency: 'USD', ticket_ids: [ticketId], status: 'PARTIALLY_REFUNDED' }));

    expect(stored(buyer)).toMatchObject([
      {
        title: 'Refund of $15.00',
        body: '$15.00 for order SB-7KQ2-XR4M is on its way back to you. 1 ticket was cancelled. Your other tickets in this order stay valid.',
        ticketId,
      },
    ]);
  });

  it('says a payment that came after the hold ended was returned', async () => {
    const buyer = randomUUID();
    await apply(published());

    await apply(orderRefunded(buyer, { amount_cents: 4500, ticket_ids: [], status: 'EXPIRED' }));

    expect(stored(buyer)).toMatchObject([
      {
        type: 'REFUND_ISSUED',
        title: 'Your payment of €45.00 was returned',
        body: 'Your payment for order SB-7KQ2-XR4M for Jazz Night arrived after the reservation had ended, so no tickets were issued and €45.00 was returned to you.',
      },
    ]);
  });

  it('adds nothing when the same fact is delivered again', async () => {
    const buyer = randomUUID();
    const once = orderRefunded(buyer);

    await apply(once);
    await apply(once);

    expect(noticesOf(buyer)).toHaveLength(1);
  });
});

describe('order.reserved and order.cancelled', () => {
  it('notify nobody: the buyer is at the checkout', async () => {
    const buyer = randomUUID();
    const fields = orderFields(buyer);

    await apply(
      fact('order.reserved', {
        ...fields,
        total_cents: 4500,
        currency: 'EUR',
        expires_at: new Date(Date.now() + 600_000).toISOString(),
        lines: [{ ticket_type_id: randomUUID(), quantity: 2 }],
      }),
    );
    await apply(fact('order.cancelled', { ...fields, reason: 'BUYER', cancelled_at: new Date().toISOString() }));

    expect(stored(buyer)).toEqual([]);
  });
});

describe('waitinglist.offered', () => {
  it('tells the offered user once which tickets are held until when, and that paying the held order claims them', async () => {
    const [user, stranger] = [randomUUID(), randomUUID()];
    await apply(published());

    const recorded = await apply(waitingListOffered(user));

    expect(stored(user)).toMatchObject([
      {
        type: 'WAITING_LIST_OFFER',
        title: 'Your turn: 2 tickets for Jazz Night are held for you',
        body:
          `From the waiting list: 2 tickets (Balcony) for Jazz Night are held for you until ${formatWhen(offerExpiresAt)}. ` +
          'Pay order SB-7KQ2-XR4M (€80.00) by then to claim them; after that they go to the next person in line.',
        eventId,
        ticketId: null,
        inApp: true,
      },
    ]);
    // In-app (so live) and email, as the default preferences say.
    expect(recorded).toMatchObject({ inApp: [{ type: 'WAITING_LIST_OFFER' }], userIds: [user], deliveries: 1 });
    expect(repositories.memory.deliveries).toMatchObject([{ notificationId: stored(user)[0]!.id, channel: 'EMAIL' }]);
    expect(stored(stranger)).toEqual([]);
  });

  it('reads well for a fact that does not name the ticket type, about an event not known yet', async () => {
    const user = randomUUID();

    await apply(waitingListOffered(user, { ticket_type_name: undefined, quantity: 1, total_cents: 4000 }));

    expect(stored(user)).toMatchObject([
      {
        title: 'Your turn: a ticket is held for you',
        body: expect.stringMatching(
          /^From the waiting list: 1 ticket is held for you until .* Pay order SB-7KQ2-XR4M \(€40\.00\) by then to claim it;/,
        ),
      },
    ]);
  });

  it('adds nothing when the same fact is delivered again', async () => {
    const user = randomUUID();
    const once = waitingListOffered(user);
    await apply(once);

    const again = await apply(once);

    expect(noticesOf(user)).toEqual([
      { type: 'WAITING_LIST_OFFER', title: 'Your turn: 2 tickets are held for you', sourceFactId: once.id },
    ]);
    expect(again).toEqual({ inApp: [], userIds: [], deliveries: 0 });
  });

  it('stores nothing for a user who muted WAITING_LIST_OFFER; email off still leaves it in the app', async () => {
    const [muted, appOnly] = [randomUUID(), randomUUID()];
    await repositories.preferences.update(muted, () => applyPreferencesChange(DEFAULT_PREFERENCES, { mutedTypes: ['WAITING_LIST_OFFER'] }));
    await repositories.preferences.update(appOnly, () => applyPreferencesChange(DEFAULT_PREFERENCES, { email: false }));

    expect(await apply(waitingListOffered(muted))).toEqual({ inApp: [], userIds: [], deliveries: 0 });
    expect(await apply(waitingListOffered(appOnly))).toMatchObject({ userIds: [appOnly], deliveries: 0 });

    expect(stored(muted)).toEqual([]);
    expect(stored(appOnly)).toMatchObject([{ type: 'WAITING_LIST_OFFER', inApp: true }]);
  });

  it('asks nobody to pay for an event known to be cancelled', async () => {
    const user = randomUUID();
    await apply(eventCancelled());

    expect((await apply(waitingListOffered(user))).userIds).toEqual([]);
    expect(stored(user)).toEqual([]);
  });
});
