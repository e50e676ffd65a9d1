import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeFact, type Fact, type FactData, type Topic } from '@sbor/messaging';
import { inMemoryNotificationsRepositories } from '../domain/in-memory.js';
import { applyPreferencesChange, DEFAULT_PREFERENCES } from '../domain/preferences.js';
import { applyFact } from './fact-handlers.js';

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
    code: `CODE-${ticketId.slice(0, 4)}`,
    status: 'ACTIVE',
    purchased_at: new Date().toISOString(),
  });
const ticketCancelled = (userId: string, ticketId: string, reason = 'EVENT_CANCELLED') =>
  fact('ticket.cancelled', {
    ticket_id: ticketId,
    event_id: eventId,
    user_id: userId,
    code: 'CODE',
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

describe('ticket.purchased', () => {
  it('tells the buyer, naming the event it learned from event.published', async () => {
    const buyer = randomUUID();
    await apply(published());

    const recorded = await apply(purchased(buyer));

    expect(noticesOf(buyer)).toMatchObject([{ type: 'TICKET_PURCHASED', title: 'Your ticket for Jazz Night' }]);
    expect(recorded.inApp.map((n) => n.userId)).toEqual([buyer]);
  });

  it('never notifies twice for the same fact', async () => {
    const buyer = randomUUID();
    const once = purchased(buyer);

    await apply(once);
    await apply(once);

    expect(noticesOf(buyer)).toHaveLength(1);
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
    expect(repositories.memory.notifications.find((n) => n.type === 'TICKET_CHECKED_IN')?.body).toContain(
      `Ticket CODE-${ticketId.slice(0, 4)}`,
    );
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

describe('user.registered', () => {
  it('remembers where to email the user, and notifies nobody', async () => {
    const userId = randomUUID();

    const recorded = await apply(
      fact('user.registered', { user_id: userId, email: 'ann@example.com', display_name: 'Ann', registered_at: new Date().toISOString() }),
    );

    expect(await repositories.contacts.emailOf(userId)).toBe('ann@example.com');
    expect(recorded.userIds).toEqual([]);
  });
});
