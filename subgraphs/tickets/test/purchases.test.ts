import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@sbor/db';
import { handleOnce, makeFact } from '@sbor/messaging';
import { createEventsClient, type EventInfo } from '../src/clients/events.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { inbox, orders, outbox, tickets, ticketTypes } from '../src/db/index.js';
import { loadQrKeyRing } from '../src/domain/key-ring.js';
import { revokedTickets, type RevocationPosition } from '../src/db/queries/tickets.js';
import { Ordering } from '../src/domain/ordering.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { cancelEventTickets } from '../src/messaging/cancellation.js';
import {
  openTestDatabase,
  outcome,
  ROUTER_SECRET,
  seededRandom,
  startEventsStub,
  viewer,
  type EventsStub,
  type TestDatabase,
} from './support.js';

let database: TestDatabase;
let stub: EventsStub;
/** One Ordering per pool: two replicas selling the same tickets. */
let sellers: Ordering[];
let ticketTypeService: TicketTypes;
let db: Db;

beforeAll(async () => {
  database = await openTestDatabase('tickets_purchases', 2, 20);
  db = database.pools[0]!.db;
  stub = await startEventsStub();
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 2_000 });
  sellers = await Promise.all(
    database.pools.map(async (p) => new Ordering(ticketsRepositories(p.db), events, await loadQrKeyRing(p.db), { holdMinutes: 10 })),
  );
  ticketTypeService = new TicketTypes(ticketsRepositories(db).ticketTypes, events);
});

afterAll(async () => {
  await stub?.close();
  await database?.close();
});

async function eventWithType(quantity: number, patch: Partial<EventInfo> = {}) {
  const event = stub.add(patch);
  const type = await ticketTypeService.create(viewer(event.organizerId), event.id, {
    name: 'Standard',
    priceCents: 0, // purchaseTickets sells free tickets; priced ones go through reserveTickets and checkout
    currency: 'EUR',
    quantity,
    salesStart: new Date(Date.now() - 60_000),
    salesEnd: new Date(event.endsAt.getTime() - 60_000),
  });
  return { event, type };
}

const buy = (
  i: number,
  input: { eventId: string; ticketTypeId: string; quantity: number; idempotencyKey?: string },
  userId = randomUUID(),
) => sellers[i % sellers.length]!.purchase(viewer(userId), { idempotencyKey: randomUUID(), ...input });

async function countsFor(typeId: string, eventId: string) {
  const [type] = await db.select().from(ticketTypes).where(eq(ticketTypes.id, typeId));
  const [rows] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tickets)
    .where(eq(tickets.ticketTypeId, typeId));
  const [facts] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(and(eq(outbox.topic, 'ticket.purchased'), sql`${outbox.payload}::jsonb -> 'data' ->> 'event_id' = ${eventId}`));
  return { sold: type!.sold, rows: rows!.n, facts: facts!.n };
}

describe('purchaseTickets under a rush (real PostgreSQL, separate connections)', () => {
  it.each([1, 2, 3, 4, 5])('200 buyers racing for 50 tickets never oversell (seed %i)', async (seed) => {
    const random = seededRandom(seed);
    const { event, type } = await eventWithType(50);
    const wants = Array.from({ length: 200 }, () => 1 + Math.floor(random() * 4));
    const results = await Promise.all(wants.map((quantity, i) => outcome(buy(i, { eventId: event.id, ticketTypeId: type.id, quantity }))));

    const bought = results.reduce((n, r, i) => n + (r.code === 'OK' ? wants[i]! : 0), 0);
    expect(results.every((r) => r.code === 'OK' || r.code === 'SOLD_OUT')).toBe(true);
    expect(results.filter((r, i) => r.code === 'OK' && r.value!.length !== wants[i]).length).toBe(0);
    // Everyone turned away was told how many were left, and that was fewer than they asked for.
    results.forEach((r, i) => r.code === 'SOLD_OUT' && expect(r.extensions!.available).toBeLessThan(wants[i]!));
    expect(await countsFor(type.id, event.id)).toEqual({ sold: 50, rows: 50, facts: 50 });
    expect(bought).toBe(50);
  });

  it('buys once when one user races the same idempotency key, and returns the same tickets to every request', async () => {
    const { event, type } = await eventWithType(100);
    const userId = randomUUID();
    const input = { eventId: event.id, ticketTypeId: type.id, quantity: 3, idempotencyKey: randomUUID() };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => buy(i, input, userId)));
    const idSets = new Set(
      results.map((r) =>
        r
          .map((t) => t.id)
          .sort()
          .join(','),
      ),
    );
    expect(idSets.size).toBe(1);
    expect(await countsFor(type.id, event.id)).toEqual({ sold: 3, rows: 3, facts: 3 });
    const claims = await db.select().from(orders).where(eq(orders.buyerId, userId));
    expect(claims).toHaveLength(1);
  });

  it('refuses the same key with different parameters, and treats another user with the same key as unrelated', async () => {
    const { event, type } = await eventWithType(100);
    const key = randomUUID();
    const userId = randomUUID();
    const first = await buy(0, { eventId: event.id, ticketTypeId: type.id, quantity: 2, idempotencyKey: key }, userId);
    expect(await outcome(buy(1, { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: key }, userId))).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    const other = await buy(1, { eventId: event.id, ticketTypeId: type.id, quantity: 2, idempotencyKey: key });
    expect(other.map((t) => t.id)).not.toEqual(first.map((t) => t.id));
    expect((await countsFor(type.id, event.id)).sold).toBe(4);
  });

  it('replays a committed purchase whatever is true now: event cancelled, events service silent', async () => {
    const { event, type } = await eventWithType(10);
    const userId = randomUUID();
    const input = { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() };
    const first = await buy(0, input, userId);
    stub.events.set(event.id, { ...event, status: 'CANCELLED' });
    expect((await buy(1, input, userId)).map((t) => t.id)).toEqual(first.map((t) => t.id));
    stub.hang.add(event.id);
    try {
      expect((await buy(2, input, userId)).map((t) => t.id)).toEqual(first.map((t) => t.id));
    } finally {
      stub.hang.delete(event.id);
    }
    const [row] = await db.select({ sold: ticketTypes.sold }).from(ticketTypes).where(eq(ticketTypes.id, type.id));
    expect(row?.sold).toBe(1);
  });

  it('leaves no active ticket when purchases race the event’s cancellation', async () => {
    const { event, type } = await eventWithType(500);
    const cancellation = makeFact('event.cancelled', {
      event_id: event.id,
      organizer_id: event.organizerId,
      title: event.title,
      reason: 'storm',
      cancelled_at: new Date().toISOString(),
      starts_at: event.startsAt.toISOString(),
    });
    const buying = Array.from({ length: 60 }, (_, i) => outcome(buy(i, { eventId: event.id, ticketTypeId: type.id, quantity: 2 })));
    await new Promise((resolve) => setTimeout(resolve, 30));
    const cancelled = database.pools[1]!.db;
    await handleOnce(cancelled, inbox, 'tickets-test', cancellation.id, (tx) => cancelEventTickets(tx, cancellation).then(() => {}));
    const results = await Promise.all(buying);

    expect(results.every((r) => r.code === 'OK' || r.code === 'EVENT_CANCELLED')).toBe(true);
    const statuses = await db
      .select({ status: tickets.status, n: sql<number>`count(*)::int` })
      .from(tickets)
      .where(eq(tickets.eventId, event.id))
      .groupBy(tickets.status);
    expect(statuses.filter((s) => s.status === 'ACTIVE')).toEqual([]);
    const sold = results.filter((r) => r.code === 'OK').length * 2;
    expect(statuses.find((s) => s.status === 'CANCELLED')?.n ?? 0).toBe(sold);
    const [facts] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(outbox)
      .where(and(eq(outbox.topic, 'ticket.cancelled'), sql`${outbox.payload}::jsonb -> 'data' ->> 'event_id' = ${event.id}`));
    expect(facts!.n).toBe(sold);
    // The revocation list pages through tickets sharing one cancellation time without skipping any.
    const listed: string[] = [];
    for (let after: RevocationPosition | undefined, page; (page = await revokedTickets(db, event.id, after, 7)).length > 0;) {
      listed.push(...page.map((r) => r.ticketId));
      after = page.at(-1)!;
    }
    expect(new Set(listed).size).toBe(sold);
    expect(listed).toHaveLength(sold);
    // After the cancellation, nothing more is sold even while the events service still says PUBLISHED.
    expect(await outcome(buy(0, { eventId: event.id, ticketTypeId: type.id, quantity: 1 }))).toMatchObject({ code: 'EVENT_CANCELLED' });
  });
});
