/** Issue 16, data in flight: a fact that its owner contradicts is parked, never applied (real Kafka). */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterHeaders, type Subscription } from '@sbor/messaging';
import { waitFor } from '@sbor/testing';
import { inbox, notifications } from '../src/db/index.js';
import { userContacts } from '../src/db/user-contacts.js';
import { facts, startHarness, type Harness } from './support.js';

let h: Harness;
let parking: Subscription;
const parked: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  parking = await h.bus.subscribe({
    groupId: `notifications-test-dlq-${randomUUID()}`,
    topics: ['event.cancelled.dlq', 'user.registered.dlq', 'user.email_verified.dlq'],
    startAt: 'latest',
    handler: async (m) => {
      if (m.headers[DeadLetterHeaders.groupId] === h.groupId) parked.push((JSON.parse(m.value) as { id: string }).id);
    },
  });
});
afterAll(async () => {
  await parking?.stop();
  await h?.stop();
});

const applied = async (factId: string) => (await h.db.select().from(inbox).where(eq(inbox.messageId, factId))).length > 0;

describe('facts checked with their owner', () => {
  it('never tells holders a published event is cancelled on a forged event.cancelled: it parks it', async () => {
    const event = facts.published({ title: 'Still On' });
    h.owners.events.set(event.event_id, { status: 'PUBLISHED', organizerId: event.organizer_id });
    await h.publish('event.published', event);
    const holder = randomUUID();
    await h.publish('ticket.purchased', facts.purchased({ event_id: event.event_id, user_id: holder }));

    const forged = await h.publish(
      'event.cancelled',
      facts.cancelled({ event_id: event.event_id, organizer_id: event.organizer_id }),
      undefined,
      true,
    );
    await waitFor(() => parked.includes(forged), 20_000, 'the forged event.cancelled parked');
    expect(await applied(forged)).toBe(false);
    expect((await h.db.select().from(notifications).where(eq(notifications.userId, holder))).map((n) => n.type)).toEqual([]);

    // The real cancellation, once the events service says so, is applied and reaches the holder.
    const real = await h.publish('event.cancelled', facts.cancelled({ event_id: event.event_id, organizer_id: event.organizer_id }));
    await waitFor(() => applied(real), 20_000, 'the real event.cancelled');
    expect((await h.db.select().from(notifications).where(eq(notifications.userId, holder))).map((n) => n.type)).toEqual([
      'EVENT_CANCELLED',
    ]);
  }, 60_000);

  it('never lets a forged user.registered rewrite someone’s email: it parks it', async () => {
    const ann = randomUUID();
    const genuine = await h.publish('user.registered', {
      user_id: ann,
      email: `ann.${ann.slice(0, 8)}@example.com`,
      display_name: 'Ann',
      registered_at: new Date().toISOString(),
    });
    await waitFor(() => applied(genuine), 20_000, 'the genuine user.registered');

    const forged = await h.publish(
      'user.registered',
      { user_id: ann, email: 'mallory@evil.example', display_name: 'Ann', registered_at: new Date().toISOString() },
      undefined,
      true,
    );
    await waitFor(() => parked.includes(forged), 20_000, 'the forged user.registered parked');
    const [contact] = await h.db.select().from(userContacts).where(eq(userContacts.userId, ann));
    expect(contact?.email).toBe(`ann.${ann.slice(0, 8)}@example.com`);
  }, 60_000);

  it('never emails an address nobody proved on a forged user.email_verified: it parks it', async () => {
    const bob = randomUUID();
    const registered = await h.publish('user.registered', {
      user_id: bob,
      email: `bob.${bob.slice(0, 8)}@example.com`,
      display_name: 'Bob',
      registered_at: new Date().toISOString(),
    });
    await waitFor(() => applied(registered), 20_000, 'the user.registered');

    const forged = await h.publish('user.email_verified', { user_id: bob, verified_at: new Date().toISOString() }, undefined, true);
    await waitFor(() => parked.includes(forged), 20_000, 'the forged user.email_verified parked');
    expect(await applied(forged)).toBe(false);
    const [contact] = await h.db.select().from(userContacts).where(eq(userContacts.userId, bob));
    expect(contact?.verifiedAt ?? null).toBeNull();

    // Once the users service has verified the address, the real fact is applied.
    const real = await h.publish('user.email_verified', { user_id: bob, verified_at: new Date().toISOString() });
    await waitFor(() => applied(real), 20_000, 'the real user.email_verified');
    const [after] = await h.db.select().from(userContacts).where(eq(userContacts.userId, bob));
    expect(after?.verifiedAt).toBeInstanceOf(Date);
  }, 60_000);
});
