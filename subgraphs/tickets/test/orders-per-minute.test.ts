/**
 * MAX_ORDERS_PER_USER_PER_MINUTE against real PostgreSQL, on two connection pools (two replicas):
 * the count and the order are one statement under a lock on the buyer, so a buyer racing
 * themself on both replicas still places no more than the limit, and a refused order changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import { rowsOf, type Db } from '@sbor/db';
import { createEventsClient, type EventInfo } from '../src/clients/events.js';
import { ticketsSettings } from '../src/config.js';
import { orders } from '../src/db/index.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { loadQrKeyRing } from '../src/domain/key-ring.js';
import { Ordering } from '../src/domain/ordering.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { openTestDatabase, outcome, ROUTER_SECRET, startEventsStub, viewer, type EventsStub, type TestDatabase } from './support.js';

let database: TestDatabase;
let stub: EventsStub;
let db: Db;
let replicas: Ordering[];
let types: TicketTypes;
let limit: number;

beforeAll(async () => {
  database = await openTestDatabase('tickets_orders_per_minute', 2, 10);
  db = database.pools[0]!.db;
  stub = await startEventsStub();
  const settings = ticketsSettings.load({
    ROUTER_SECRET,
    TICKETS_PORT: '0',
    EVENTS_INTERNAL_URL: stub.url,
    MAX_ORDERS_PER_USER_PER_MINUTE: '3',
  });
  limit = settings.orders.perUserPerMinute;
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 3_000 });
  replicas = await Promise.all(
    database.pools.map(async (pool) => new Ordering(ticketsRepositories(pool.db), events, await loadQrKeyRing(pool.db), settings.orders)),
  );
  types = new TicketTypes(ticketsRepositories(db).ticketTypes, events);
});

afterAll(async () => {
  await stub?.close();
  await database?.close();
});

async function onSale(priceCents: number): Promise<{ event: EventInfo; typeId: string }> {
  const event = stub.add();
  const type = await types.create(viewer(event.organizerId), event.id, {
    name: 'Standard',
    priceCents,
    currency: 'EUR',
    quantity: 1_000,
    salesStart: new Date(Date.now() - 60_000),
    salesEnd: new Date(event.endsAt.getTime() - 60_000),
  });
  return { event, typeId: type.id };
}

const reserve = (i: number, buyer: Viewer, eventId: string, ticketTypeId: string) =>
  replicas[i % replicas.length]!.reserve(buyer, { eventId, items: [{ ticketTypeId, quantity: 2 }], idempotencyKey: randomUUID() });

/** Everything an order writes: the stock it moves, the order and its lines, tickets and outbox facts. */
async function written(typeId: string) {
  const [row] = rowsOf<Record<string, number>>(
    await db.execute(sql`
      select t.held, t.sold,
        (select count(*) from tickets.order_lines where ticket_type_id = t.id)::int as lines,
        (select count(*) from tickets.tickets where ticket_type_id = t.id)::int as tickets,
        (select count(*) from tickets.orders)::int as orders,
        (select count(*) from tickets.outbox)::int as facts
      from tickets.ticket_types t where t.id = ${typeId}`),
  );
  return row!;
}

describe('MAX_ORDERS_PER_USER_PER_MINUTE (Mutation.reserveTickets, Mutation.purchaseTickets)', () => {
  it('never lets one buyer racing on two replicas place more orders in a minute than the limit', async () => {
    expect(limit).toBe(3);
    const { event, typeId } = await onSale(1500);
    const buyer = viewer();

    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => outcome(reserve(i, buyer, event.id, typeId))));

    expect(results.filter((r) => r.code === 'OK')).toHaveLength(limit);
    expect(results.filter((r) => r.code !== 'OK').map((r) => r.code)).toEqual(Array(12 - limit).fill('RATE_LIMITED'));
    expect(await db.select().from(orders).where(eq(orders.buyerId, buyer.userId))).toHaveLength(limit);
    expect(await written(typeId)).toMatchObject({ held: 2 * limit, sold: 0, lines: limit });
  });

  it('refuses the order past the limit with RATE_LIMITED and a retry-after hint, and writes nothing', async () => {
    const { event, typeId } = await onSale(0);
    const buyer = viewer();
    for (let i = 0; i < limit; i++) {
      await replicas[i % 2]!.purchase(buyer, { eventId: event.id, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() });
    }
    const before = await written(typeId);

    const refused = await outcome(
      replicas[1]!.purchase(buyer, { eventId: event.id, ticketTypeId: typeId, quantity: 1, idempotencyKey: randomUUID() }),
    );

    expect(refused.extensions).toMatchObject({ code: 'RATE_LIMITED', reason: 'MAX_ORDERS_PER_USER_PER_MINUTE', limit });
    expect(refused.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.extensions!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await written(typeId)).toEqual(before);
    expect(before).toMatchObject({ held: 0, sold: limit, tickets: limit });
  });

  it('leaves another buyer free to order while one is at the limit', async () => {
    const { event, typeId } = await onSale(1500);
    const busy = viewer();
    for (let i = 0; i < limit; i++) await reserve(i, busy, event.id, typeId);
    expect((await outcome(reserve(0, busy, event.id, typeId))).code).toBe('RATE_LIMITED');

    const other = await outcome(reserve(1, viewer(), event.id, typeId));

    expect(other.code).toBe('OK');
    expect((await written(typeId)).held).toBe(2 * (limit + 1));
  });
});
