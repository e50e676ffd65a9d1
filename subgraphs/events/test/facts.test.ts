import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@sbor/db';
import { OutboxRelay, parseFact, Topics, type Bus, type Subscription } from '@sbor/messaging';
import { waitFor } from '@sbor/testing';
import { outbox } from '../src/db/outbox.js';
import { reminders } from '../src/db/reminders.js';
import type { OrganizerEvents } from '../src/domain/organizer-events.js';
import {
  eventInput,
  eventsDatabase,
  factIds,
  inHours,
  kafkaBus,
  observe,
  organizer,
  organizerEventsOn,
  publishedEvent,
  settle,
  testLogger,
} from './support.js';

let close: () => Promise<void>;
let replicas: Database[];
let bus: Bus;
let relays: OutboxRelay[];
const subscriptions: Subscription[] = [];

beforeAll(async () => {
  const database = await eventsDatabase(2);
  close = database.close;
  replicas = database.pools;
  bus = kafkaBus();
  // Two service instances, each with its own relay on its own pool, as in production.
  relays = replicas.map((r) => new OutboxRelay({ db: r.db, table: outbox, bus, logger: testLogger, intervalMs: 50 }));
  for (const relay of relays) relay.start();
});

afterAll(async () => {
  for (const relay of relays ?? []) await relay.stop();
  await Promise.all(subscriptions.map((s) => s.stop()));
  await bus?.close();
  await close?.();
});

const serviceOn = (replica: Database) => organizerEventsOn(replica, { onFactsWritten: () => relays.forEach((r) => r.wake()) });

async function watch(topic: string, keys: Set<string>) {
  const { seen, subscription } = await observe(bus, topic, keys);
  subscriptions.push(subscription);
  return seen;
}

describe('Mutation.publishEvent facts', () => {
  it('sends event.published to Kafka exactly once per publish, with the contract fields', async () => {
    const who = organizer();
    const [first, second] = replicas.map(serviceOn) as [OrganizerEvents, OrganizerEvents];
    const draft = await first.create(
      who,
      eventInput({ title: 'Kafka night', venue: 'Hall 1', startsAt: inHours(48), endsAt: inHours(50) }),
    );
    const seen = await watch(Topics.eventPublished, new Set([draft.id]));

    // Two replicas publish the same draft at once: the row lock lets one win, the other sees PUBLISHED.
    const results = await Promise.allSettled([first.publish(who, draft.id), second.publish(who, draft.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'PUBLISHED', to: 'PUBLISHED' });

    await waitFor(() => seen.length >= 1, 20_000, 'event.published');
    await settle();
    expect(seen).toHaveLength(1);
    const fact = parseFact(Topics.eventPublished, seen[0]!.value);
    expect(seen[0]!.key).toBe(draft.id);
    expect(fact.data).toMatchObject({
      event_id: draft.id,
      organizer_id: who.userId,
      title: 'Kafka night',
      venue: 'Hall 1',
      starts_at: draft.startsAt.toISOString(),
      ends_at: draft.endsAt.toISOString(),
    });
  });

  it('writes no fact when publishing fails', async () => {
    const who = organizer();
    const events = serviceOn(replicas[0]!);
    const draft = await events.create(who, eventInput({ title: 'Soon', venue: 'Hall', startsAt: inHours(0.0004), endsAt: inHours(2) }));
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await expect(events.publish(who, draft.id)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'startsAt' } });
    const rows = await replicas[0]!.db.select().from(outbox).where(eq(outbox.key, draft.id));
    expect(rows).toEqual([]);
  });
});

describe('Mutation.cancelEvent facts', () => {
  it('sends event.cancelled to Kafka exactly once, with the reason, and drops the pending reminders', async () => {
    const who = organizer();
    const [first, second] = replicas.map(serviceOn) as [OrganizerEvents, OrganizerEvents];
    const id = await publishedEvent(first, who, 72);
    expect(await replicas[0]!.db.select().from(reminders).where(eq(reminders.eventId, id))).toHaveLength(2);
    const seen = await watch(Topics.eventCancelled, new Set([id]));

    const results = await Promise.allSettled([first.cancel(who, id, 'Venue flooded'), second.cancel(who, id, 'Venue flooded')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);

    await waitFor(() => seen.length >= 1, 20_000, 'event.cancelled');
    await settle();
    expect(seen).toHaveLength(1);
    expect(parseFact(Topics.eventCancelled, seen[0]!.value).data).toMatchObject({
      event_id: id,
      organizer_id: who.userId,
      reason: 'Venue flooded',
    });
    expect(await replicas[0]!.db.select().from(reminders).where(eq(reminders.eventId, id))).toEqual([]);
  });

  it('publishes one fact per change, in order, for an event published then cancelled', async () => {
    const who = organizer();
    const events = serviceOn(replicas[1]!);
    const draft = await events.create(who, eventInput({ title: 'Short lived', venue: 'Hall', startsAt: inHours(30), endsAt: inHours(31) }));
    const published = await watch(Topics.eventPublished, new Set([draft.id]));
    const cancelled = await watch(Topics.eventCancelled, new Set([draft.id]));
    await events.publish(who, draft.id);
    await events.cancel(who, draft.id, null);
    await waitFor(() => published.length >= 1 && cancelled.length >= 1, 20_000, 'both facts');
    await settle();
    expect(factIds(published)).toHaveLength(1);
    expect(factIds(cancelled)).toHaveLength(1);
    expect(parseFact(Topics.eventCancelled, cancelled[0]!.value).data.reason).toBeNull();
  });
});
