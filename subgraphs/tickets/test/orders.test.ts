/**
 * Orders against real PostgreSQL, on two connection pools (two replicas racing): random buyers
 * reserving, paying (with redelivered webhooks), cancelling and letting holds expire never
 * oversell, never apply a webhook twice, and stock always adds up.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@sbor/core';
import { rowsOf, type Db } from '@sbor/db';
import { createEventsClient, type EventInfo } from '../src/clients/events.js';
import { makeFact, handleOnce } from '@sbor/messaging';
import { inbox, orders, outbox, payments, ticketTypes, webhookDeliveries } from '../src/db/index.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { Checkout } from '../src/domain/checkout.js';
import { loadQrKeyRing } from '../src/domain/key-ring.js';
import { OrderUpkeep } from '../src/domain/order-upkeep.js';
import { Ordering } from '../src/domain/ordering.js';
import { Refunding } from '../src/domain/refunding.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { cancelEventTickets } from '../src/messaging/cancellation.js';
import { offlineProvider } from '../src/payments/offline.js';
import { sandboxProvider } from '../src/payments/sandbox.js';
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

const quiet = createLogger('tickets-orders-test', 'silent');
let database: TestDatabase;
let stub: EventsStub;
let db: Db;
/** One of each per pool: two replicas. */
let replicas: { ordering: Ordering; checkout: Checkout; upkeep: OrderUpkeep; refunding: Refunding }[];
let types: TicketTypes;

beforeAll(async () => {
  database = await openTestDatabase('tickets_orders', 2, 10);
  db = database.pools[0]!.db;
  stub = await startEventsStub();
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 3_000 });
  const providers = { OFFLINE: offlineProvider(), SANDBOX: sandboxProvider({ publicUrl: 'http://127.0.0.1:1', secret: 'x'.repeat(32) }) };
  replicas = await Promise.all(
    database.pools.map(async (pool) => {
      const repositories = ticketsRepositories(pool.db);
      const keys = await loadQrKeyRing(pool.db);
      const refunding = new Refunding(repositories, providers, quiet);
      return {
        ordering: new Ordering(repositories, events, keys, { holdMinutes: 10 }),
        checkout: new Checkout(repositories, providers, keys, { offlineHoldHours: 72 }, quiet),
        upkeep: new OrderUpkeep(repositories.orders, refunding, { intervalMs: 60_000, logger: quiet }),
        refunding,
      };
    }),
  );
  types = new TicketTypes(ticketsRepositories(db).ticketTypes, events);
});

afterAll(async () => {
  await stub?.close();
  await database?.close();
});

async function onSale(quantity: number, priceCents = 1500): Promise<{ event: EventInfo; typeId: string }> {
  const event = stub.add();
  const type = await types.create(viewer(event.organizerId), event.id, {
    name: 'Standard',
    priceCents,
    currency: 'EUR',
    quantity,
    salesStart: new Date(Date.now() - 60_000),
    salesEnd: new Date(event.endsAt.getTime() - 60_000),
  });
  return { event, typeId: type.id };
}

const replica = (i: number) => replicas[i % replicas.length]!;

/** What the database says, checked as invariants after every round. */
async function invariants(typeId: string) {
  const [state] = rowsOf<{ quantity: number; held: number; sold: number; reserved_lines: number; tickets: number; paid_quantity: number }>(
    await db.execute(sql`
      select t.quantity, t.held, t.sold,
        coalesce((select sum(l.quantity) from tickets.order_lines l join tickets.orders o on o.id = l.order_id where l.ticket_type_id = t.id and o.status = 'RESERVED'), 0)::int as reserved_lines,
        (select count(*) from tickets.tickets where ticket_type_id = t.id)::int as tickets,
        coalesce((select sum(l.quantity) from tickets.order_lines l join tickets.orders o on o.id = l.order_id where l.ticket_type_id = t.id and o.status = 'PAID'), 0)::int as paid_quantity
      from ${ticketTypes} t where t.id = ${typeId}`),
  );
  return state!;
}

describe('orders under random buyers (real PostgreSQL, two replicas)', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])(
    'never oversell, apply no webhook twice, and stock adds up at every step (seed %i)',
    async (seed) => {
      const random = seededRandom(seed);
      const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
      const { event, typeId } = await onSale(12);
      const buyers = Array.from({ length: 6 }, () => viewer());
      const webhooks: { provider: 'SANDBOX'; event: { id: string; kind: 'succeeded'; providerRef: string } }[] = [];
      let applied = 0;

      for (let round = 0; round < 8; round++) {
        const open = await db.select().from(orders).where(eq(orders.eventId, event.id));
        const reserved = open.filter((o) => o.status === 'RESERVED');
        const actions = Array.from({ length: 6 }, (_, i) => {
          const roll = random();
          const buyer = pick(buyers)!;
          const target = pick(reserved);
          if (roll < 0.45 || !target) {
            return outcome(
              replica(i).ordering.reserve(buyer, {
                eventId: event.id,
                items: [{ ticketTypeId: typeId, quantity: 1 + Math.floor(random() * 3) }],
                idempotencyKey: randomUUID(),
              }),
            );
          }
          const owner = buyers.find((b) => b.userId === target.buyerId) ?? viewer(target.buyerId);
          if (roll < 0.75) {
            return outcome(
              replica(i)
                .checkout.checkout(owner, target.id, 'SANDBOX')
                .then(async (payment) => {
                  const webhook = {
                    provider: 'SANDBOX' as const,
                    event: { id: `evt_${randomUUID()}`, kind: 'succeeded' as const, providerRef: payment.providerRef! },
                  };
                  webhooks.push(webhook);
                  if ((await replica(i + 1).checkout.applyWebhook('SANDBOX', webhook.event)) !== 'ALREADY_APPLIED') applied++;
                }),
            );
          }
          if (roll < 0.85) return outcome(replica(i).ordering.cancel(owner, target.id));
          // The hold runs out: its end moves to the past and a sweeper of either replica ends it.
          return outcome(
            db
              .update(orders)
              .set({ expiresAt: new Date(Date.now() - 1_000) })
              .where(eq(orders.id, target.id))
              .then(() => replica(i).upkeep.runOnce()),
          );
        });
        // Redeliveries of webhooks already applied, racing the new actions.
        const redeliveries = webhooks.filter(() => random() < 0.3).map((w, i) => replica(i).checkout.applyWebhook(w.provider, w.event));
        const results = await Promise.all([...actions, ...redeliveries.map((p) => outcome(p))]);
        const unexpected = results.filter(
          (r) => !['OK', 'SOLD_OUT', 'INVALID_TRANSITION', 'HOLD_EXPIRED', 'ORDER_NOT_PAYABLE', 'CONFLICT'].includes(r.code),
        );
        expect(unexpected).toEqual([]);

        const state = await invariants(typeId);
        expect(state.held + state.sold).toBeLessThanOrEqual(state.quantity);
        expect(state.held).toBe(state.reserved_lines);
        expect(state.sold).toBe(state.tickets);
        expect(state.tickets).toBe(state.paid_quantity);
      }
      const [{ n: deliveries } = { n: 0 }] = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from ${webhookDeliveries} where event_id in ${webhooks.length ? webhooks.map((w) => w.event.id) : ['none']}`,
        ),
      );
      expect(deliveries).toBe(webhooks.length);
      const paidFacts = rowsOf<{ n: number }>(
        await db.execute(
          sql`select count(*)::int as n from ${outbox} where topic = 'order.paid' and payload::jsonb -> 'data' ->> 'event_id' = ${event.id}`,
        ),
      )[0]!.n;
      const paidOrders = (await db.select().from(orders).where(eq(orders.eventId, event.id))).filter((o) => o.status === 'PAID').length;
      expect(paidFacts).toBe(paidOrders);
      expect(applied).toBeGreaterThanOrEqual(paidOrders);
    },
  );
});

describe('hold expiry', () => {
  it('takes each due hold once when two sweepers on two connections run together', async () => {
    const { event, typeId } = await onSale(200);
    const placed = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        replica(i).ordering.reserve(viewer(), {
          eventId: event.id,
          items: [{ ticketTypeId: typeId, quantity: 2 }],
          idempotencyKey: randomUUID(),
        }),
      ),
    );
    await db
      .update(orders)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(orders.eventId, event.id));

    const [a, b] = await Promise.all([replicas[0]!.upkeep.runOnce(), replicas[1]!.upkeep.runOnce()]);

    expect(a + b).toBe(placed.length);
    const facts = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from ${outbox} where topic = 'order.expired' and payload::jsonb -> 'data' ->> 'event_id' = ${event.id}`,
      ),
    )[0]!.n;
    expect(facts).toBe(placed.length);
    expect(await invariants(typeId)).toMatchObject({ held: 0, sold: 0, reserved_lines: 0 });
  });

  it('refunds a payment confirmed after its hold ended; the tickets are not issued', async () => {
    const { event, typeId } = await onSale(5);
    const buyer = viewer();
    const order = await replica(0).ordering.reserve(buyer, {
      eventId: event.id,
      items: [{ ticketTypeId: typeId, quantity: 2 }],
      idempotencyKey: randomUUID(),
    });
    const payment = await replica(0).checkout.checkout(buyer, order.id, 'SANDBOX');
    await db
      .update(orders)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(orders.id, order.id));
    await replica(1).upkeep.runOnce();

    const late = { id: `evt_${randomUUID()}`, kind: 'succeeded' as const, providerRef: payment.providerRef! };
    expect(await replica(1).checkout.applyWebhook('SANDBOX', late)).toBe('REFUNDED_UNNEEDED');
    expect(await replica(0).checkout.applyWebhook('SANDBOX', late)).toBe('ALREADY_APPLIED');

    const [after] = await db.select().from(orders).where(eq(orders.id, order.id));
    expect(after!.status).toBe('EXPIRED');
    const [settled] = await db.select().from(payments).where(eq(payments.id, payment.id));
    expect(settled!.status).toBe('SUCCEEDED');
    const refunds = rowsOf<{ amount_cents: number; status: string }>(
      await db.execute(sql`select amount_cents, status from tickets.refunds where order_id = ${order.id}`),
    );
    expect(refunds).toEqual([{ amount_cents: 3000, status: 'SUCCEEDED' }]);
    expect(await invariants(typeId)).toMatchObject({ held: 0, sold: 0, tickets: 0 });
  });
});

describe('maxPerUser under a race', () => {
  it('holds across one buyer’s concurrent orders on two replicas', async () => {
    const event = stub.add();
    const type = await types.create(viewer(event.organizerId), event.id, {
      name: 'Limited',
      priceCents: 1000,
      currency: 'EUR',
      quantity: 100,
      salesStart: new Date(Date.now() - 60_000),
      salesEnd: new Date(event.endsAt.getTime() - 60_000),
      maxPerUser: 4,
    });
    const buyer = viewer();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        outcome(
          replica(i).ordering.reserve(buyer, {
            eventId: event.id,
            items: [{ ticketTypeId: type.id, quantity: 1 }],
            idempotencyKey: randomUUID(),
          }),
        ),
      ),
    );
    expect(results.filter((r) => r.code === 'OK')).toHaveLength(4);
    expect(results.filter((r) => r.code !== 'OK').every((r) => r.code === 'LIMIT_PER_USER')).toBe(true);
  });
});

describe('event cancellation refunds', () => {
  it('refunds every paid order once, even when the cancellation is redelivered and a refund worker dies after asking the provider', async () => {
    const { event, typeId } = await onSale(20);
    const paid = [];
    for (let i = 0; i < 3; i++) {
      const buyer = viewer();
      const order = await replica(i).ordering.reserve(buyer, {
        eventId: event.id,
        items: [{ ticketTypeId: typeId, quantity: 2 }],
        idempotencyKey: randomUUID(),
      });
      const payment = await replica(i).checkout.checkout(buyer, order.id, 'SANDBOX');
      await replica(i).checkout.applyWebhook('SANDBOX', {
        id: `evt_${randomUUID()}`,
        kind: 'succeeded',
        providerRef: payment.providerRef!,
      });
      paid.push(order);
    }
    const held = await replica(0).ordering.reserve(viewer(), {
      eventId: event.id,
      items: [{ ticketTypeId: typeId, quantity: 1 }],
      idempotencyKey: randomUUID(),
    });
    const cancellation = makeFact('event.cancelled', {
      event_id: event.id,
      organizer_id: event.organizerId,
      title: event.title,
      reason: 'storm',
      cancelled_at: new Date().toISOString(),
      starts_at: event.startsAt.toISOString(),
    });
    // The fact arrives twice (a redelivery after a restart): the inbox applies it once.
    for (const pool of database.pools) {
      await handleOnce(pool.db, inbox, 'tickets-test', cancellation.id, (tx) => cancelEventTickets(tx, cancellation).then(() => {}));
    }

    // A provider that records refunds by idempotency key, and fails once after refunding, as a worker crashing would.
    const refundedKeys = new Map<string, number>();
    let crashOnce = true;
    const provider = {
      ...sandboxProvider({ publicUrl: 'http://127.0.0.1:1', secret: 'x'.repeat(32) }),
      refund: async ({ idempotencyKey, amountCents }: { idempotencyKey: string; amountCents: number }) => {
        refundedKeys.set(idempotencyKey, amountCents);
        if (crashOnce) {
          crashOnce = false;
          throw new Error('worker died after the provider refunded');
        }
        return { providerRef: `re_${idempotencyKey}` };
      },
    };
    const workers = database.pools.map((pool) => new Refunding(ticketsRepositories(pool.db), { SANDBOX: provider }, quiet));
    await Promise.all(workers.map((w) => w.settlePending()));
    await Promise.all(workers.map((w) => w.settlePending()));

    const refunds = rowsOf<{ order_id: string; amount_cents: number; status: string }>(
      await db.execute(sql`select order_id, amount_cents, status from tickets.refunds where order_id in ${paid.map((o) => o.id)}`),
    );
    expect(refunds.map((r) => [r.order_id, r.amount_cents, r.status]).sort()).toEqual(paid.map((o) => [o.id, 3000, 'SUCCEEDED']).sort());
    expect([...refundedKeys.values()]).toEqual([3000, 3000, 3000]);
    const statuses = await db.select({ id: orders.id, status: orders.status }).from(orders).where(eq(orders.eventId, event.id));
    expect(Object.fromEntries(statuses.map((o) => [o.id, o.status]))).toEqual({
      ...Object.fromEntries(paid.map((o) => [o.id, 'REFUNDED'])),
      [held.id]: 'CANCELLED',
    });
    const facts = rowsOf<{ topic: string; n: number }>(
      await db.execute(
        sql`select topic, count(*)::int as n from ${outbox} where payload::jsonb -> 'data' ->> 'event_id' = ${event.id} and topic like 'order.%' group by topic`,
      ),
    );
    expect(Object.fromEntries(facts.map((f) => [f.topic, f.n]))).toMatchObject({ 'order.refunded': 3, 'order.cancelled': 1 });
  });
});
