import { describe, expect, it } from 'vitest';
import { clampSelection, maxQuantity, ORDER_LIMIT, orderItems, salesState, ticketCount, totals, type PickableType } from './selection';

const now = Date.parse('2026-05-01T12:00:00Z');
const type = (id: string, extra: Partial<PickableType> = {}): PickableType => ({
  id,
  priceCents: 2500,
  currency: 'EUR',
  available: 100,
  maxPerUser: null,
  salesStart: '2026-04-01T00:00:00Z',
  salesEnd: '2026-06-01T00:00:00Z',
  ...extra,
});

describe('salesState', () => {
  it('tells on sale, not started, ended and sold out apart', () => {
    expect(salesState(type('a'), now)).toBe('on-sale');
    expect(salesState(type('a', { salesStart: '2026-05-02T00:00:00Z' }), now)).toBe('not-started');
    expect(salesState(type('a', { salesEnd: '2026-05-01T12:00:00Z' }), now)).toBe('ended');
    expect(salesState(type('a', { available: 0 }), now)).toBe('sold-out');
  });
});

describe('maxQuantity', () => {
  it('is the least of what is left, the per-person limit and the order limit', () => {
    const types = [type('a', { available: 3 }), type('b', { maxPerUser: 2 }), type('c')];
    expect(maxQuantity(types[0]!, types, {}, now)).toBe(3);
    expect(maxQuantity(types[1]!, types, {}, now)).toBe(2);
    expect(maxQuantity(types[2]!, types, {}, now)).toBe(ORDER_LIMIT);
  });

  it('leaves room for the other types already chosen within the 10 per order', () => {
    const types = [type('a'), type('b')];
    expect(maxQuantity(types[1]!, types, { a: 7 }, now)).toBe(3);
    expect(maxQuantity(types[1]!, types, { a: 10 }, now)).toBe(0);
  });

  it('is 0 for a type that is not on sale', () => {
    const types = [type('a', { salesEnd: '2026-04-02T00:00:00Z' })];
    expect(maxQuantity(types[0]!, types, {}, now)).toBe(0);
  });
});

describe('clampSelection', () => {
  it('cuts quantities to what can still be ordered, when availability dropped', () => {
    const types = [type('a', { available: 1 }), type('b', { available: 0 }), type('c')];
    expect(clampSelection(types, { a: 4, b: 2, c: 9 }, now)).toEqual({ a: 1, b: 0, c: 9 });
  });
});

describe('totals, ticketCount and orderItems', () => {
  it('sum per currency and list the chosen types in order', () => {
    const types = [type('a'), type('b', { priceCents: 1000 }), type('c', { currency: 'RUB', priceCents: 150000 })];
    const selection = { c: 1, a: 2, b: 0 };
    expect(ticketCount(selection)).toBe(3);
    expect(totals(types, selection)).toEqual([
      { currency: 'EUR', cents: 5000 },
      { currency: 'RUB', cents: 150000 },
    ]);
    expect(orderItems(types, selection)).toEqual([
      { ticketTypeId: 'a', quantity: 2 },
      { ticketTypeId: 'c', quantity: 1 },
    ]);
  });
});
