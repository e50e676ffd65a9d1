import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '@sbor/core';
import type { EventInfo } from '../clients/events.js';
import { Purchases } from './purchases.js';
import { checkEventOnSale, checkSalesWindow, decideIdempotency, doorVerdict, soldOutError } from './rules.js';
import { parseInput, purchaseInput, ticketTypeInput } from './validation.js';

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

/** The purchase checks after auth, input and idempotency, in the seed's order. */
function firstRejection(e: EventInfo | null, type: ReturnType<typeof window> | undefined): string | null {
  try {
    checkEventOnSale(e, now);
    checkSalesWindow(type, eventId, now);
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? { code: error.code, ...error.extensions } : error;
  }
  return undefined;
};

describe('purchase rule order', () => {
  it('checks authentication, then the quantity, before touching the database or the events service', async () => {
    const purchases = new Purchases(undefined as never, undefined as never, undefined as never);
    const input = { eventId, ticketTypeId: randomUUID(), quantity: 11, idempotencyKey: 'k' };
    await expect(purchases.purchase(null, input)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const viewer = { userId: randomUUID(), role: 'USER' as const, tokenId: 'j' };
    await expect(purchases.purchase(viewer, input)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', extensions: { field: 'quantity' } });
  });

  it('reports the event status before the sales window', () => {
    const notStarted = window(hours(1), hours(2));
    expect(firstRejection(event('DRAFT'), notStarted)).toBe('EVENT_NOT_PUBLISHED');
    expect(firstRejection(event('CANCELLED'), notStarted)).toBe('EVENT_CANCELLED');
    expect(firstRejection(event('COMPLETED'), notStarted)).toBe('EVENT_COMPLETED');
    expect(firstRejection(null, notStarted)).toBe('NOT_FOUND');
  });

  it('treats a published event whose end has passed as completed', () => {
    expect(firstRejection(event('PUBLISHED', hours(-1)), window())).toBe('EVENT_COMPLETED');
  });

  it('then requires the ticket type to belong to the event', () => {
    expect(firstRejection(event('PUBLISHED'), undefined)).toBe('NOT_FOUND');
    expect(firstRejection(event('PUBLISHED'), { ...window(), eventId: randomUUID() })).toBe('NOT_FOUND');
  });

  it('then the sales window: not started, ended (the end is exclusive), open', () => {
    expect(firstRejection(event('PUBLISHED'), window(hours(1), hours(2)))).toBe('SALES_NOT_STARTED');
    expect(firstRejection(event('PUBLISHED'), window(hours(-2), hours(-1)))).toBe('SALES_ENDED');
    expect(firstRejection(event('PUBLISHED'), window(hours(-2), now))).toBe('SALES_ENDED');
    expect(firstRejection(event('PUBLISHED'), window(now, hours(1)))).toBeNull();
  });

  it('says how many are left when fewer remain than asked', () => {
    expect(codeOf(() => { throw soldOutError(3); })).toMatchObject({ code: 'SOLD_OUT', available: 3 });
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
    expect(codeOf(() => parseInput(purchaseInput, { ...valid, idempotencyKey: 'x'.repeat(201) }))).toMatchObject({ field: 'idempotencyKey' });
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
