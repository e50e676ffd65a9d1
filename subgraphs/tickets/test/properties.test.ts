/**
 * Properties of vouchers and the waiting list against real PostgreSQL, on two connection pools
 * (two replicas racing), each over ten fixed fast-check seeds: racing buyers never pass a voucher's
 * maxUses; freed stock goes through the waiting list once per entry, in arrival order; and no
 * ticket is lost or doubled across holds, expiries, payments, refunds and offers.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import { rowsOf, type Db } from '@sbor/db';
import { createEventsClient, type EventInfo } from '../src/clients/events.js';
import { orders, ticketTypes } from '../src/db/index.js';
import { ticketsRepositories } from '../src/db/repositories.js';
import { Checkout } from '../src/domain/checkout.js';
import { loadQrKeyRing } from '../src/domain/key-ring.js';
import { offerTerms } from '../src/domain/offers.js';
import { OrderUpkeep } from '../src/domain/order-upkeep.js';
import { Ordering } from '../src/domain/ordering.js';
import { Refunding } from '../src/domain/refunding.js';
import { TicketTypes } from '../src/domain/ticket-types.js';
import { Vouchers } from '../src/domain/vouchers.js';
import { WaitingList } from '../src/domain/waiting-list.js';
import { offlineProvider } from '../src/payments/offline.js';
import {
  openTestDatabase,
  outcome,
  ROUTER_SECRET,
  startEventsStub,
  testLogger,
  viewer,
  type EventsStub,
  type TestDatabase,
} from './support.js';

const SEEDS = [15_001, 15_002, 15_003, 15_004, 15_005, 15_006, 15_007, 15_008, 15_009, 15_010];
/** Each seed is one run; a failure is reported with its seed and plan, not shrunk (the races are slow to replay). */
const runs = (seed: number) => ({ seed, numRuns: 1, endOnFailure: true });

let database: TestDatabase;
let stub: EventsStub;
let db: Db;
let replicas: { ordering: Ordering; checkout: Checkout; upkeep: OrderUpkeep; refunding: Refunding; waitingList: WaitingList }[];
let types: TicketTypes;
let vouchers: Vouchers;

beforeAll(async () => {
  database = await openTestDatabase('tickets_tools_props', 2, 10);
  db = database.pools[0]!.db;
  stub = await startEventsStub();
  const events = createEventsClient({ baseUrl: stub.url, routerSecret: ROUTER_SECRET, timeoutMs: 5_000 });
  const providers = { OFFLINE: offlineProvider() };
  const offers = offerTerms(60);
  replicas = await Promise.all(
    database.pools.map(async (pool) => {
      const repositories = ticketsRepositories(pool.db);
      const keys = await loadQrKeyRing(pool.db);
      const refunding = new Refunding(repositories, providers, testLogger, undefined, offers);
      return {
        ordering: new Ordering(repositories, events, keys, { holdMinutes: 10, offers }),
        checkout: new Checkout(repositories, providers, keys, { offlineHoldHours: 72 }, testLogger),
        upkeep: new OrderUpkeep(repositories.orders, refunding, {
          intervalMs: 60_000,
          logger: testLogger,
          waitingList: repositories.waitingList,
          offers,
        }),
        refunding,
        waitingList: new WaitingList(repositories, events, offers),
      };
    }),
  );
  const repositories = ticketsRepositories(db);
  types = new TicketTypes(repositories.ticketTypes, events);
  vouchers = new Vouchers(repositories, events);
});

afterAll(async () => {
  await stub?.close();
  await database?.close();
});

const replica = (i: number) => replicas[i % replicas.length]!;
const organizerOf = (event: EventInfo): Viewer => ({ userId: event.organizerId, role: 'ORGANIZER', tokenId: randomUUID() });

async function onSale(quantity: number, priceCents = 2000): Promise<{ event: EventInfo; typeId: string }> {
  const event = stub.add();
  const type = await types.create(organizerOf(event), event.id, {
    name: 'Standard',
    priceCents,
    currency: 'EUR',
    quantity,
    salesStart: new Date(Date.now() - 60_000),
    salesEnd: new Date(event.endsAt.getTime() - 60_000),
  });
  return { event, typeId: type.id };
}

const reserve = (i: number, buyer: Viewer, eventId: string, typeId: string, quantity: number, voucherCode?: string) =>
  replica(i).ordering.reserve(buyer, { eventId, items: [{ ticketTypeId: typeId, quantity }], voucherCode, idempotencyKey: randomUUID() });

/** Every hold of the event ends now, and both replicas' sweepers race to end them and offer the stock. */
async function expireEverything(eventId: string) {
  await db
    .update(orders)
    .set({ expiresAt: new Date(Date.now() - 1_000) })
    .where(sql`${orders.eventId} = ${eventId} and ${orders.status} = 'RESERVED'`);
  await Promise.all(replicas.map((r) => r.upkeep.runOnce()));
}

interface Stock {
  quantity: number;
  held: number;
  sold: number;
  reservedLines: number;
  liveTickets: number;
  paidLines: number;
}

/** The type's counters beside what the orders and tickets say they should be. */
async function stockOf(typeId: string): Promise<Stock> {
  const [row] = rowsOf<Stock>(
    await db.execute(sql`
      select t.quantity, t.held, t.sold,
        coalesce((select sum(l.quantity) from tickets.order_lines l join tickets.orders o on o.id = l.order_id
          where l.ticket_type_id = t.id and o.status = 'RESERVED'), 0)::int as "reservedLines",
        (select count(*) from tickets.tickets k where k.ticket_type_id = t.id and k.status <> 'CANCELLED')::int as "liveTickets",
        coalesce((select sum(l.quantity) from tickets.order_lines l join tickets.orders o on o.id = l.order_id
          where l.ticket_type_id = t.id and o.status = 'PAID'), 0)::int as "paidLines"
      from ${ticketTypes} t where t.id = ${typeId}`),
  );
  return row!;
}

function expectStockAddsUp(stock: Stock) {
  expect(stock.held).toBe(stock.reservedLines);
  expect(stock.sold).toBe(stock.liveTickets);
  expect(stock.held + stock.sold).toBeLessThanOrEqual(stock.quantity);
  expect(Math.min(stock.held, stock.sold)).toBeGreaterThanOrEqual(0);
}

interface EntryState {
  id: string;
  seq: number;
  status: string;
  quantity: number;
  order_id: string | null;
  offer_orders: number;
  offered_facts: number;
}

/** The type's waiting entries in arrival order, with how many holds and `waitinglist.offered` facts each got. */
async function entriesOf(typeId: string): Promise<EntryState[]> {
  return rowsOf<EntryState>(
    await db.execute(sql`
      select e.id, e.seq::int as seq, e.status, e.quantity, e.order_id,
        (select count(*) from tickets.orders o where o.idempotency_key = 'waiting-list:' || e.id::text)::int as offer_orders,
        (select count(*) from tickets.outbox f where f.topic = 'waitinglist.offered' and f.payload::jsonb -> 'data' ->> 'entry_id' = e.id::text)::int as offered_facts
      from tickets.waiting_list_entries e where e.ticket_type_id = ${typeId} order by e.seq`),
  );
}

/** Each entry offered at most once, with one fact per offer, and an entry still waiting has had none. */
function expectOffersOnce(entries: EntryState[]) {
  for (const e of entries) {
    expect(e.offer_orders, `entry ${e.seq}`).toBeLessThanOrEqual(1);
    expect(e.offered_facts, `entry ${e.seq}`).toBe(e.offer_orders);
    expect(e.offer_orders, `entry ${e.seq}`).toBe(e.order_id ? 1 : 0);
    if (e.status === 'WAITING') expect(e.order_id).toBeNull();
  }
}

describe('vouchers under racing buyers (real PostgreSQL, two replicas)', () => {
  const plan = fc.record({
    maxUses: fc.integer({ min: 1, max: 6 }),
    first: fc.array(
      fc.record({ quantity: fc.integer({ min: 1, max: 3 }), lower: fc.boolean(), letGo: fc.constantFrom('keep', 'cancel', 'expire') }),
      {
        minLength: 3,
        maxLength: 10,
      },
    ),
    second: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 8 }),
  });

  it.each(SEEDS)('never pass maxUses, and get a use back for each ticket of a hold that ends unpaid (seed %i)', async (seed) => {
    await fc.assert(
      fc.asyncProperty(plan, async ({ maxUses, first, second }) => {
        const { event, typeId } = await onSale(100);
        const voucher = await vouchers.create(organizerOf(event), event.id, { code: `Race-${seed}`, kind: 'PERCENT', value: 50, maxUses });
        const check = async () => {
          const [row] = rowsOf<{ used: number; live: number; tickets: number }>(
            await db.execute(sql`
              select v.used,
                coalesce((select sum(o.voucher_uses) from tickets.orders o where o.voucher_id = v.id and o.status in ('RESERVED', 'PAID')), 0)::int as live,
                coalesce((select sum(l.quantity) from tickets.orders o join tickets.order_lines l on l.order_id = o.id
                  where o.voucher_id = v.id and o.status in ('RESERVED', 'PAID') and l.discount_cents > 0), 0)::int as tickets
              from tickets.vouchers v where v.id = ${voucher.id}`),
          );
          expect(row!.used).toBeLessThanOrEqual(maxUses);
          expect(row!.used).toBe(row!.live);
          expect(row!.tickets).toBe(row!.live);
          expectStockAddsUp(await stockOf(typeId));
          return row!.used;
        };

        const buyers = first.map(() => viewer());
        const placed = await Promise.all(
          first.map((b, i) => outcome(reserve(i, buyers[i]!, event.id, typeId, b.quantity, b.lower ? `race-${seed}` : `RACE-${seed}`))),
        );
        expect(placed.filter((p) => !['OK', 'VOUCHER_EXHAUSTED', 'CONFLICT'].includes(p.code))).toEqual([]);
        const wanted = first.reduce((n, b) => n + b.quantity, 0);
        // Refused only when the uses really ran out: what was taken plus the refused order would pass maxUses.
        const taken = await check();
        for (const [i, p] of placed.entries())
          if (p.code === 'VOUCHER_EXHAUSTED') expect(taken + first[i]!.quantity).toBeGreaterThan(maxUses);
        if (wanted <= maxUses) expect(taken).toBe(wanted);

        // Holds let go (cancelled, or run out) race a second wave of buyers.
        const letGo = placed.flatMap((p, i) =>
          p.code === 'OK' && first[i]!.letGo !== 'keep' ? [{ order: p.value!, how: first[i]!.letGo, buyer: buyers[i]! }] : [],
        );
        await db
          .update(orders)
          .set({ expiresAt: new Date(Date.now() - 1_000) })
          .where(
            sql`${orders.id} in ${letGo
              .filter((l) => l.how === 'expire')
              .map((l) => l.order.id)
              .concat(randomUUID())}`,
          );
        const raced = await Promise.all([
          ...letGo.filter((l) => l.how === 'cancel').map((l, i) => outcome(replica(i).ordering.cancel(l.buyer, l.order.id))),
          ...replicas.map((r) => outcome(r.upkeep.runOnce())),
          ...second.map((quantity, i) => outcome(reserve(i + 1, viewer(), event.id, typeId, quantity, `rAcE-${seed}`))),
        ]);
        expect(raced.filter((p) => !['OK', 'VOUCHER_EXHAUSTED', 'CONFLICT'].includes(p.code))).toEqual([]);
        await check();
      }),
      runs(seed),
    );
  });
});

describe('the waiting list under expiring offers (real PostgreSQL, two replicas)', () => {
  const plan = fc.record({
    stock: fc.integer({ min: 1, max: 3 }),
    waiters: fc.integer({ min: 3, max: 7 }),
    // Each round, what the offered users do with their offers before both sweepers run.
    rounds: fc.array(fc.array(fc.constantFrom('pay', 'cancel', 'leave', 'ignore'), { minLength: 3, maxLength: 3 }), {
      minLength: 2,
      maxLength: 5,
    }),
  });

  it.each(SEEDS)('offer freed stock once per entry, in arrival order, and move an unpaid offer on (seed %i)', async (seed) => {
    await fc.assert(
      fc.asyncProperty(plan, async ({ stock, waiters, rounds }) => {
        const { event, typeId } = await onSale(stock);
        const holder = viewer();
        await reserve(0, holder, event.id, typeId, stock);
        const users = Array.from({ length: waiters }, () => viewer());
        // They join one after another, so arrival order is known.
        for (const [i, user] of users.entries()) await replica(i).waitingList.join(user, typeId, 1);
        const userOf = new Map<string, Viewer>();
        for (const user of users) for (const e of await replica(0).waitingList.mine(user)) userOf.set(e.id, user);

        await expireEverything(event.id);
        for (const actions of rounds) {
          const offered = (await entriesOf(typeId)).filter((e) => e.status === 'OFFERED');
          const acted = await Promise.all(
            offered.map((e, i) => {
              const user = userOf.get(e.id)!;
              const action = actions[i % actions.length];
              if (action === 'pay') return outcome(replica(i).checkout.markPaid(organizerOf(event), e.order_id!));
              if (action === 'cancel') return outcome(replica(i).ordering.cancel(user, e.order_id!));
              if (action === 'leave') return outcome(replica(i).waitingList.leave(user, e.id));
              return Promise.resolve({ code: 'OK' });
            }),
          );
          expect(acted.filter((a) => a.code !== 'OK')).toEqual([]);
          await expireEverything(event.id);

          const entries = await entriesOf(typeId);
          expectOffersOnce(entries);
          // First come, first served: those ever offered are the first in line, and nobody waits while tickets are on sale.
          const offeredSoFar = entries.map((e) => e.order_id !== null);
          expect(offeredSoFar).toEqual([...offeredSoFar].sort((a, b) => Number(b) - Number(a)));
          const now = await stockOf(typeId);
          expectStockAddsUp(now);
          if (entries.some((e) => e.status === 'WAITING')) expect(now.held + now.sold).toBe(now.quantity);
          const statuses = new Set(entries.map((e) => e.status));
          for (const s of statuses) expect(['WAITING', 'OFFERED', 'ACCEPTED', 'EXPIRED', 'LEFT']).toContain(s);
          expect(entries.filter((e) => e.status === 'ACCEPTED').length).toBe(now.sold);
        }
      }),
      runs(seed),
    );
  });
});

describe('stock across holds, payments, refunds, expiries and offers (real PostgreSQL, two replicas)', () => {
  // Weighted so that types sell out, people wait, and stock comes back every way it can.
  const step = fc.constantFrom('reserve', 'reserve', 'reserve', 'join', 'join', 'pay', 'pay', 'cancel', 'expire', 'refund', 'refund');
  const plan = fc.record({
    quantity: fc.integer({ min: 2, max: 4 }),
    rounds: fc.array(fc.array(fc.tuple(step, fc.integer({ min: 1, max: 2 }), fc.nat(99)), { minLength: 4, maxLength: 6 }), {
      minLength: 4,
      maxLength: 7,
    }),
  });

  it.each(SEEDS)('never lose or double a ticket, and never leave one on sale that a waiting entry fits (seed %i)', async (seed) => {
    await fc.assert(
      fc.asyncProperty(plan, async ({ quantity, rounds }) => {
        const { event, typeId } = await onSale(quantity);
        const people = Array.from({ length: 6 }, () => viewer());
        const byId = new Map(people.map((p) => [p.userId, p]));
        const organizer = organizerOf(event);
        for (const actions of rounds) {
          const all = await db.select().from(orders).where(eq(orders.eventId, event.id));
          const pick = <T>(items: T[], n: number) => items[n % Math.max(1, items.length)];
          const results = await Promise.all(
            actions.map(([action, count, n], i) => {
              const who = pick(people, n)!;
              const reserved = pick(
                all.filter((o) => o.status === 'RESERVED'),
                n,
              );
              const paid = pick(
                all.filter((o) => o.status === 'PAID' || o.status === 'PARTIALLY_REFUNDED'),
                n,
              );
              switch (action) {
                case 'reserve':
                  return outcome(reserve(i, who, event.id, typeId, count));
                case 'join':
                  return outcome(replica(i).waitingList.join(who, typeId, count));
                case 'pay':
                  return reserved ? outcome(replica(i).checkout.markPaid(organizer, reserved.id)) : Promise.resolve({ code: 'OK' });
                case 'cancel':
                  return reserved
                    ? outcome(replica(i).ordering.cancel(byId.get(reserved.buyerId)!, reserved.id))
                    : Promise.resolve({ code: 'OK' });
                case 'expire':
                  return outcome(expireEverything(event.id));
                case 'refund':
                  return paid
                    ? outcome(
                        replica(i)
                          .checkout.markPaid(organizer, paid.id)
                          .catch(() => undefined)
                          .then(async () => {
                            const ids = rowsOf<{ id: string }>(
                              await db.execute(sql`select id from tickets.tickets where order_id = ${paid.id} and status <> 'CANCELLED'`),
                            ).map((t) => t.id);
                            return replica(i).refunding.refund(organizer, paid.id, { ticketIds: count === 1 ? ids.slice(0, 1) : null });
                          }),
                      )
                    : Promise.resolve({ code: 'OK' });
              }
            }),
          );
          const allowed = ['OK', 'SOLD_OUT', 'NOT_SOLD_OUT', 'ALREADY_WAITING', 'INVALID_TRANSITION', 'CONFLICT', 'BAD_USER_INPUT'];
          expect(results.filter((r) => !allowed.includes(r.code))).toEqual([]);
          expectStockAddsUp(await stockOf(typeId));
          expectOffersOnce(await entriesOf(typeId));
        }
        // After a sweep, no ticket sits on sale while a waiting entry it fits is passed by.
        await Promise.all(replicas.map((r) => r.upkeep.runOnce()));
        const stock = await stockOf(typeId);
        expectStockAddsUp(stock);
        const available = stock.quantity - stock.held - stock.sold;
        const entries = await entriesOf(typeId);
        expectOffersOnce(entries);
        expect(entries.filter((e) => e.status === 'WAITING' && e.quantity <= available)).toEqual([]);
      }),
      runs(seed),
    );
  });
});
