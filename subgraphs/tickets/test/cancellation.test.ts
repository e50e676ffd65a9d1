import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@sbor/db';
import { createKafkaBus, DeadLetterHeaders, makeFact, OutboxRelay, parseBrokers, type Bus, type Subscription } from '@sbor/messaging';
import { createEventsClient } from '../src/clients/events.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { inbox, outbox, tickets } from '../src/db/index.js';
import { loadQrKeyRing } from '../src/domain/key-ring.js';
import { Ordering } from '../src/domain/ordering.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { startCancellationConsumer } from '../src/messaging/cancellation.js';
import { waitFor } from '@sbor/testing';
import { openTestDatabase, ROUTER_SECRET, startEventsStub, testLogger, viewer, type EventsStub, type TestDatabase } from './support.js';

let database: TestDatabase;
let stub: EventsStub;
let db: Db;
let bus: Bus;
let purchases: Ordering;
let types: TicketTypes;
const subscriptions: Subscription[] = [];
const groupId = `tickets-test-${randomUUID()}`;

beforeAll(async () => {
  database = await openTestDatabase('tickets_cancel');
  db = database.pools[0]!.db;
  stub = await startEventsStub();
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 3_000 });
  purchases = new Ordering(ticketsRepositories(db), events, await loadQrKeyRing(db), { holdMinutes: 10 });
  types = new TicketTypes(ticketsRepositories(db).ticketTypes, events);
  bus = createKafkaBus({
    brokers: parseBrokers(process.env.KAFKA_BROKERS ?? '127.0.0.1:9092'),
    clientId: 'tickets-test',
    logger: testLogger,
    retry: { initialDelayMs: 10, maxDelayMs: 50 },
  });
  // `latest`: this run's group must not replay every event.cancelled other test runs produced.
  subscriptions.push(await startCancellationConsumer({ bus, db, events, groupId, startAt: 'latest' }));
});

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.stop()));
  await bus?.close();
  await stub?.close();
  await database?.close();
});

async function eventWithBuyers(buyers: number) {
  const event = stub.add();
  const type = await types.create(viewer(event.organizerId), event.id, {
    name: 'GA',
    priceCents: 0, // purchaseTickets sells free tickets; priced ones go through reserveTickets and checkout
    currency: 'EUR',
    quantity: 100,
    salesStart: new Date(Date.now() - 60_000),
    salesEnd: event.endsAt,
  });
  const sold = [];
  for (let i = 0; i < buyers; i++) {
    sold.push(
      ...(await purchases.purchase(viewer(), { eventId: event.id, ticketTypeId: type.id, quantity: 2, idempotencyKey: randomUUID() })),
    );
  }
  return { event, sold };
}

const cancelledFact = (event: { id: string; organizerId: string; startsAt: Date }) =>
  makeFact('event.cancelled', {
    event_id: event.id,
    organizer_id: event.organizerId,
    title: 'Sbor live',
    reason: 'venue flooded',
    cancelled_at: new Date().toISOString(),
    starts_at: event.startsAt.toISOString(),
  });

const publishFact = (fact: ReturnType<typeof cancelledFact>) =>
  bus.publish([{ topic: 'event.cancelled', key: fact.data.event_id, value: JSON.stringify(fact) }]);

/** As the events service does: the event is cancelled there first, then its fact is published. */
const cancelInEvents = (event: { id: string }) => {
  stub.events.get(event.id)!.status = 'CANCELLED';
};

const inboxHas = async (id: string) =>
  (
    await db
      .select()
      .from(inbox)
      .where(and(eq(inbox.consumerGroup, groupId), eq(inbox.messageId, id)))
  ).length > 0;

describe('event.cancelled consumer (real Kafka)', () => {
  it('cancels every active ticket of the event and emits one ticket.cancelled per ticket; a redelivery changes nothing', async () => {
    const { event, sold } = await eventWithBuyers(3);
    const ids = sold.map((t) => t.id);
    const observed: string[] = [];
    subscriptions.push(
      await bus.subscribe({
        groupId: `tickets-test-observer-${randomUUID()}`,
        topics: ['ticket.cancelled'],
        startAt: 'latest',
        handler: async (m) => {
          if (m.key && ids.includes(m.key)) observed.push(m.key);
        },
      }),
    );
    cancelInEvents(event);
    const fact = cancelledFact(event);
    await publishFact(fact);
    await waitFor(() => inboxHas(fact.id), 20_000, 'cancellation applied');

    const rows = await db.select().from(tickets).where(inArray(tickets.id, ids));
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'CANCELLED'));
    const facts = () =>
      db
        .select()
        .from(outbox)
        .where(and(eq(outbox.topic, 'ticket.cancelled'), inArray(outbox.key, ids)));
    expect((await facts()).map((f) => f.key).sort()).toEqual([...ids].sort());

    const relay = new OutboxRelay({ db, table: outbox, bus, logger: testLogger });
    await relay.drain();
    await waitFor(() => observed.length >= ids.length, 20_000, 'ticket.cancelled on Kafka');
    expect([...observed].sort()).toEqual([...ids].sort());

    // The same fact again, then a sentinel behind it on the same key (same partition, so in order).
    await publishFact(fact);
    const sentinel = { ...cancelledFact(event), id: randomUUID() };
    await publishFact(sentinel);
    await waitFor(() => inboxHas(sentinel.id), 20_000, 'sentinel applied');
    expect(await facts()).toHaveLength(ids.length);
    const [applied] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(inbox)
      .where(and(eq(inbox.consumerGroup, groupId), eq(inbox.messageId, fact.id)));
    expect(applied!.n).toBe(1);
  }, 60_000);

  it('never applies an event.cancelled for an event the events service says is on sale: it parks it in event.cancelled.dlq', async () => {
    const { event, sold } = await eventWithBuyers(1);
    const parked: string[] = [];
    subscriptions.push(
      await bus.subscribe({
        groupId: `tickets-test-dlq-${randomUUID()}`,
        topics: ['event.cancelled.dlq'],
        startAt: 'latest',
        handler: async (m) => {
          if (m.headers[DeadLetterHeaders.groupId] === groupId) parked.push((JSON.parse(m.value) as { id: string }).id);
        },
      }),
    );
    const forged = cancelledFact(event);
    await publishFact(forged);
    await waitFor(() => parked.includes(forged.id), 20_000, 'the forged fact parked');

    expect(await inboxHas(forged.id)).toBe(false);
    const rows = await db
      .select()
      .from(tickets)
      .where(
        inArray(
          tickets.id,
          sold.map((t) => t.id),
        ),
      );
    expect(rows.map((r) => r.status)).toEqual(sold.map(() => 'ACTIVE'));
    const unknown = cancelledFact({ id: randomUUID(), organizerId: event.organizerId, startsAt: event.startsAt });
    await publishFact(unknown);
    await waitFor(() => parked.includes(unknown.id), 20_000, 'the fact about an unknown event parked');
  }, 60_000);
});
