import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@sbor/core';
import type { EventInfo } from '../clients/events.js';
import { checkEventOnSale, checkSalesWindow, decideIdempotency, doorVerdict, soldOutError } from './rules.js';
import { parseInput } from '@sbor/core';
import { purchaseInput, ticketTypeInput } from './validation.js';

const now = new Date('2026-06-01T12:00:00Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const eventId = randomUUID();
const event = (status: EventInfo['status'], endsAt = hours(48)): EventInfo => ({
  id: eventId,
  organizerId: randomUUID(),
  status,
  startsAt: hours(24),
  endsAt,
  title: 'Gig',
  venue: 'Hall',
});
const window = (salesStart = hours(-1), salesEnd = hours(1)) => ({ eventId, salesStart, salesEnd });

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ...error.extensions } : error;
  }
  return undefined;
};
const rejection = (fn: () => unknown) => (codeOf(fn) as { code?: string } | undefined)?.code ?? null;

describe('checkEventOnSale', () => {
  it('lets a published event that has not ended sell', () => {
    expect(rejection(() => checkEventOnSale(event('PUBLISHED'), now))).toBeNull();
  });

  it('names why any other event does not sell', () => {
    expect(rejection(() => checkEventOnSale(event('DRAFT'), now))).toBe('EVENT_NOT_PUBLISHED');
    expect(rejection(() => checkEventOnSale(event('CANCELLED'), now))).toBe('EVENT_CANCELLED');
    expect(rejection(() => checkEventOnSale(event('COMPLETED'), now))).toBe('EVENT_COMPLETED');
    expect(rejection(() => checkEventOnSale(null, now))).toBe('NOT_FOUND');
  });

  it('treats a published event whose end has passed as completed', () => {
    expect(rejection(() => checkEventOnSale(event('PUBLISHED', hours(-1)), now))).toBe('EVENT_COMPLETED');
  });
});

describe('checkSalesWindow', () => {
  it('requires the ticket type to belong to the event', () => {
    expect(rejection(() => checkSalesWindow(undefined, eventId, now))).toBe('NOT_FOUND');
    expect(rejection(() => checkSalesWindow({ ...window(), eventId: randomUUID() }, eventId, now))).toBe('NOT_FOUND');
  });

  it('then the sales window: not started, ended (the end is exclusive), open', () => {
    expect(rejection(() => checkSalesWindow(window(hours(1), hours(2)), eventId, now))).toBe('SALES_NOT_STARTED');
    expect(rejection(() => checkSalesWindow(window(hours(-2), hours(-1)), eventId, now))).toBe('SALES_ENDED');
    expect(rejection(() => checkSalesWindow(window(hours(-2), now), eventId, now))).toBe('SALES_ENDED');
    expect(rejection(() => checkSalesWindow(window(now, hours(1)), eventId, now))).toBeNull();
  });
});

describe('soldOutError', () => {
  it('says how many are left when fewer remain than asked', () => {
    expect(
      codeOf(() => {
        throw soldOutError(3);
      }),
    ).toMatchObject({ code: 'SOLD_OUT', available: 3 });
    expect(soldOutError(0).message).toMatch(/sold out/);
  });
});

describe('purchase input', () => {
  const valid = { eventId, ticketTypeId: randomUUID(), quantity: 1, idempotencyKey: randomUUID() };
  it('allows 1 to 10 tickets', () => {
    expect(parseInput(purchaseInput, { ...valid, quantity: 10 }).quantity).toBe(10);
    for (const quantity of [0, 11, 1.5, -1]) {
      expect(codeOf(() => parseInput(purchaseInput, { ...valid, quantity }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'quantity' });
    }
  });
  it('needs an idempotency key of 1 to 200 characters', () => {
    expect(codeOf(() => parseInput(purchaseInput, { ...valid, idempotencyKey: '' }))).toMatchObject({ field: 'idempotencyKey' });
    expect(codeOf(() => parseInput(purchaseInput, { ...valid, idempotencyKey: 'x'.repeat(201) }))).toMatchObject({
      field: 'idempotencyKey',
    });
  });
});

describe('idempotency decision', () => {
  const request = { eventId, ticketTypeId: randomUUID(), quantity: 2 };
  it('is a new purchase when the user never used the key', () => {
    expect(decideIdempotency(undefined, request)).toEqual({ kind: 'NEW' });
  });
  it('replays the first purchase when the same request comes again', () => {
    expect(decideIdempotency({ ...request, id: 'p1' }, { ...request })).toEqual({ kind: 'REPLAY', purchaseId: 'p1' });
  });
  it('refuses the same key with any different parameter', () => {
    expect(decideIdempotency({ ...request, id: 'p1' }, { ...request, quantity: 3 })).toEqual({ kind: 'CONFLICT' });
    expect(decideIdempotency({ ...request, id: 'p1' }, { ...request, ticketTypeId: randomUUID() })).toEqual({ kind: 'CONFLICT' });
    expect(decideIdempotency({ ...request, id: 'p1' }, { ...request, eventId: randomUUID() })).toEqual({ kind: 'CONFLICT' });
  });
});

describe('ticket type input', () => {
  const valid = { name: 'Standard', priceCents: 2500, currency: 'EUR', quantity: 100, salesStart: hours(-1), salesEnd: hours(10) };
  const fieldOf = (patch: object) => (codeOf(() => parseInput(ticketTypeInput, { ...valid, ...patch })) as { field?: string })?.field;
  it('accepts a sensible type and free tickets', () => {
    expect(parseInput(ticketTypeInput, { ...valid, priceCents: 0 }).priceCents).toBe(0);
  });
  it('names the bad field', () => {
    expect(fieldOf({ name: '  ' })).toBe('name');
    expect(fieldOf({ name: 'x'.repeat(101) })).toBe('name');
    expect(fieldOf({ priceCents: -1 })).toBe('priceCents');
    expect(fieldOf({ quantity: 0 })).toBe('quantity');
    expect(fieldOf({ quantity: 1_000_001 })).toBe('quantity');
    expect(fieldOf({ currency: 'eur' })).toBe('currency');
    expect(fieldOf({ currency: 'XYZ' })).toBe('currency');
    expect(fieldOf({ salesEnd: valid.salesStart })).toBe('salesEnd');
  });
});

describe('door verdict', () => {
  const ticket = { status: 'ACTIVE' as const, eventId, validUntil: hours(10) };
  it('admits an active ticket of the expected event', () => {
    expect(doorVerdict(ticket, eventId, now)).toBeNull();
    expect(doorVerdict(ticket, undefined, now)).toBeNull();
  });
  it('names why a ticket is turned away', () => {
    expect(doorVerdict(ticket, randomUUID(), now)).toBe('WRONG_EVENT');
    expect(doorVerdict({ ...ticket, status: 'USED' }, eventId, now)).toBe('USED');
    expect(doorVerdict({ ...ticket, status: 'CANCELLED' }, eventId, now)).toBe('CANCELLED');
    expect(doorVerdict({ ...ticket, validUntil: hours(-1) }, eventId, now)).toBe('EXPIRED');
  });
});
