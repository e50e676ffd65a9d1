import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ORDERS_PER_USER_PER_MINUTE } from './ordering.js';
import { order, person, refusal, stockAddsUp, ticketsSpec } from './spec-support.js';

// The spec's Ordering takes the default limit: 10 orders per buyer in any minute.
const LIMIT = DEFAULT_ORDERS_PER_USER_PER_MINUTE;

afterEach(() => {
  vi.useRealTimers();
});

async function atTheLimit() {
  const spec = ticketsSpec();
  const { event, type } = await spec.onSale(100);
  const buyer = person();
  const one = () => order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]);
  for (let i = 0; i < LIMIT; i++) await spec.ordering.reserve(buyer, one());
  return { spec, event, type, buyer, one };
}

describe('orders per user per minute (Mutation.reserveTickets, Mutation.purchaseTickets)', () => {
  it('refuses one order more than the limit within a minute with RATE_LIMITED and retryAfterSeconds, and holds nothing', async () => {
    const { spec, type, buyer, one } = await atTheLimit();
    const before = { held: type.held, sold: type.sold, orders: spec.memory.orders.length, facts: spec.memory.outbox.length };

    const refused = await refusal(spec.ordering.reserve(buyer, one()));

    expect(refused).toMatchObject({ code: 'RATE_LIMITED', reason: 'MAX_ORDERS_PER_USER_PER_MINUTE', limit: LIMIT });
    expect(refused!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused!.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect({ held: type.held, sold: type.sold, orders: spec.memory.orders.length, facts: spec.memory.outbox.length }).toEqual(before);
    expect(stockAddsUp(spec.memory, type.id)).toBe(true);
    expect(spec.outcomes.at(-1)).toBe('RATE_LIMITED');
  });

  it('counts free purchases and cancelled holds too, so ordering and cancelling in a loop is bounded', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(100, { priceCents: 0 });
    const buyer = person();
    for (let i = 0; i < LIMIT / 2; i++) {
      await spec.ordering.purchase(buyer, { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: `p${i}` });
    }
    const priced = await spec.anotherType(event, { quantity: 100 });
    for (let i = 0; i < LIMIT / 2; i++) {
      const held = await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: priced.id, quantity: 1 }]));
      await spec.ordering.cancel(buyer, held.id);
    }

    expect(
      await refusal(spec.ordering.purchase(buyer, { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: 'one more' })),
    ).toMatchObject({ code: 'RATE_LIMITED' });
    expect([type.sold, priced.held]).toEqual([LIMIT / 2, 0]);
  });

  it('leaves every other buyer free to order', async () => {
    const { spec, event, type } = await atTheLimit();

    const placed = await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 2 }]));

    expect(placed.status).toBe('RESERVED');
    expect(type.held).toBe(LIMIT + 2);
  });

  it('still answers a retried request with the order its key already placed', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(100);
    const buyer = person();
    const first = order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]);
    const placed = await spec.ordering.reserve(buyer, first);
    for (let i = 1; i < LIMIT; i++) await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]));

    expect((await spec.ordering.reserve(buyer, first)).id).toBe(placed.id);
    expect(type.held).toBe(LIMIT);
  });

  it('counts over a rolling minute: each order frees its place a minute after it was placed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(100);
    const buyer = person();
    const one = () => spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]));
    for (let i = 0; i < LIMIT / 2; i++) await one();
    vi.setSystemTime(Date.now() + 30_000);
    for (let i = 0; i < LIMIT / 2; i++) await one();

    expect(await refusal(one())).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });

    vi.setSystemTime(Date.now() + 30_000);
    for (let i = 0; i < LIMIT / 2; i++) expect((await one()).status).toBe('RESERVED');
    expect(await refusal(one())).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(type.held).toBe(LIMIT + LIMIT / 2);
  });
});
