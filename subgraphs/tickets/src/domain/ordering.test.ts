import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import { purchaseTickets } from '../resolvers/Mutation/purchaseTickets.js';
import { reserveTickets } from '../resolvers/Mutation/reserveTickets.js';
import type { Ordering } from './ordering.js';
import { at, order, person, refusal, stockAddsUp, ticketsSpec } from './spec-support.js';

describe('Ordering.reserve (Mutation.reserveTickets)', () => {
  it('holds the stock of every line until expiresAt, and writes order.reserved', async () => {
    const spec = ticketsSpec({ holdMinutes: 10 });
    const { event, type } = await spec.onSale(10);
    const vip = await spec.anotherType(event);

    const placed = await spec.ordering.reserve(
      person(),
      order(event.id, [
        { ticketTypeId: type.id, quantity: 2 },
        { ticketTypeId: vip.id, quantity: 1 },
      ]),
    );

    expect(placed).toMatchObject({ status: 'RESERVED', totalCents: 2 * 2500 + 9000, currency: 'EUR' });
    expect(placed.number).toMatch(/^SB-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(placed.expiresAt!.getTime()).toBeGreaterThan(at(0.16).getTime());
    expect(placed.expiresAt!.getTime()).toBeLessThanOrEqual(at(0.17).getTime());
    expect([type.held, type.sold, vip.held]).toEqual([2, 0, 1]);
    expect(spec.memory.tickets).toHaveLength(0);
    expect(spec.memory.outbox.map((f) => [f.topic, f.key])).toEqual([['order.reserved', placed.id]]);
  });

  it('pays an order that costs nothing at once, issuing its tickets with order.paid and a ticket.purchased each', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(10, { priceCents: 0 });
    const buyer = person();

    const placed = await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 3 }]));

    expect(placed).toMatchObject({ status: 'PAID', totalCents: 0, expiresAt: null });
    expect([type.held, type.sold]).toEqual([0, 3]);
    const tickets = spec.memory.tickets.filter((t) => t.orderId === placed.id);
    expect(tickets).toHaveLength(3);
    for (const t of tickets)
      expect(spec.keys.verify(t.qrPayload)).toMatchObject({ ok: true, record: { ticketId: t.id, eventId: event.id } });
    expect(spec.memory.outbox.map((f) => f.topic)).toEqual(['order.paid', 'ticket.purchased', 'ticket.purchased', 'ticket.purchased']);
  });

  it('never holds more than exist, however many buyers race', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(10);
    const attempts = await Promise.allSettled(
      Array.from({ length: 30 }, () => spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]))),
    );

    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(10);
    expect(type.held).toBe(10);
    expect(spec.outcomes.filter((o) => o === 'SOLD_OUT')).toHaveLength(20);
    expect(stockAddsUp(spec.memory, type.id)).toBe(true);
  });

  it('holds all lines or none: one line that does not fit leaves the others untouched', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(10);
    const vip = await spec.anotherType(event, { quantity: 1 });

    const refused = await refusal(
      spec.ordering.reserve(
        person(),
        order(event.id, [
          { ticketTypeId: type.id, quantity: 2 },
          { ticketTypeId: vip.id, quantity: 2 },
        ]),
      ),
    );

    expect(refused).toMatchObject({ code: 'SOLD_OUT', available: 1, field: 'items.1.quantity' });
    expect([type.held, vip.held]).toEqual([0, 0]);
    expect(spec.memory.orders).toHaveLength(0);
  });

  it('keeps one buyer within maxPerUser across their live orders, and gives the allowance back when a hold ends', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(100, { maxPerUser: 4 });
    const buyer = person();
    const first = await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 3 }]));

    expect(await refusal(spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 2 }])))).toMatchObject({
      code: 'LIMIT_PER_USER',
      maxPerUser: 4,
      remaining: 1,
    });
    expect(await refusal(spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 5 }])))).toMatchObject({
      code: 'LIMIT_PER_USER',
      field: 'items.0.quantity',
    });
    await spec.ordering.cancel(buyer, first.id);
    expect((await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 4 }]))).status).toBe('RESERVED');
  });

  it('checks the event before each line, and each line’s type and sales window before the seats', async () => {
    const spec = ticketsSpec();
    const draft = await spec.onSale(1, { salesStart: at(1), sold: 1 }, { status: 'DRAFT' });
    expect(
      await refusal(spec.ordering.reserve(person(), order(draft.event.id, [{ ticketTypeId: draft.type.id, quantity: 1 }]))),
    ).toMatchObject({
      code: 'EVENT_NOT_PUBLISHED',
    });
    const ended = await spec.onSale(1, {}, { endsAt: at(-1) });
    expect(
      await refusal(spec.ordering.reserve(person(), order(ended.event.id, [{ ticketTypeId: ended.type.id, quantity: 1 }]))),
    ).toMatchObject({
      code: 'EVENT_COMPLETED',
    });
    const early = await spec.onSale(1, { salesStart: at(1), sold: 1 });
    expect(
      await refusal(spec.ordering.reserve(person(), order(early.event.id, [{ ticketTypeId: early.type.id, quantity: 1 }]))),
    ).toMatchObject({
      code: 'SALES_NOT_STARTED',
      field: 'items.0.ticketTypeId',
    });
    const other = await spec.onSale(1);
    expect(
      await refusal(spec.ordering.reserve(person(), order(early.event.id, [{ ticketTypeId: other.type.id, quantity: 1 }]))),
    ).toMatchObject({
      code: 'NOT_FOUND',
      field: 'items.0.ticketTypeId',
    });
    const hidden = await spec.onSale(5, { hidden: true });
    expect(
      await refusal(spec.ordering.reserve(person(), order(hidden.event.id, [{ ticketTypeId: hidden.type.id, quantity: 1 }]))),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(spec.memory.orders).toHaveLength(0);
  });

  it('answers EVENT_CANCELLED when the cancellation closed sales before the statement ran', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(5);
    spec.memory.cancelledEvents.add(event.id);
    type.salesClosed = true;

    expect(await refusal(spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }])))).toMatchObject({
      code: 'EVENT_CANCELLED',
    });
  });

  it('refuses two currencies in one order', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(5);
    const usd = await spec.anotherType(event, { currency: 'USD' });

    expect(
      await refusal(
        spec.ordering.reserve(
          person(),
          order(event.id, [
            { ticketTypeId: type.id, quantity: 1 },
            { ticketTypeId: usd.id, quantity: 1 },
          ]),
        ),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items',
    });
  });

  it('answers a repeated idempotency key with the first order, whatever is true now; another order under it is refused', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(5);
    const buyer = person();
    const first = await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 2 }], 'retry-me'));
    spec.events.set(event.id, { ...event, status: 'CANCELLED' });

    expect((await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 2 }], 'retry-me'))).id).toBe(first.id);
    expect(
      await refusal(spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 1 }], 'retry-me'))),
    ).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    spec.events.set(event.id, event);
    expect((await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }], 'retry-me'))).id).not.toBe(
      first.id,
    );
    expect(type.held).toBe(2 + 1);
  });
});

describe('Ordering.purchase (Mutation.purchaseTickets)', () => {
  it('buys free tickets in one call and returns them', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(5, { priceCents: 0 });

    const tickets = await spec.ordering.purchase(person(), {
      eventId: event.id,
      ticketTypeId: type.id,
      quantity: 2,
      idempotencyKey: randomUUID(),
    });

    expect(tickets.map((t) => t.status)).toEqual(['ACTIVE', 'ACTIVE']);
    expect(type.sold).toBe(2);
  });

  it('answers PAYMENT_REQUIRED for a priced type, naming reserveTickets, and holds nothing', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(5);

    const refused = spec.ordering.purchase(person(), {
      eventId: event.id,
      ticketTypeId: type.id,
      quantity: 1,
      idempotencyKey: randomUUID(),
    });

    await expect(refused).rejects.toMatchObject({ extensions: { code: 'PAYMENT_REQUIRED', priceCents: 2500, currency: 'EUR' } });
    await expect(refused).rejects.toThrow(/reserveTickets/);
    expect([type.held, type.sold]).toEqual([0, 0]);
  });
});

describe('Ordering.cancel (Mutation.cancelOrder)', () => {
  it('gives a reserved order’s stock back at once and writes order.cancelled', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(5);
    const buyer = person();
    const placed = await spec.ordering.reserve(buyer, order(event.id, [{ ticketTypeId: type.id, quantity: 5 }]));

    expect((await spec.ordering.cancel(buyer, placed.id)).status).toBe('CANCELLED');
    expect(type.held).toBe(0);
    expect(spec.memory.outbox.at(-1)).toMatchObject({ topic: 'order.cancelled', key: placed.id });
    expect(await refusal(spec.ordering.cancel(buyer, placed.id))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CANCELLED' });
  });

  it('answers NOT_FOUND for someone else’s order, even its organizer’s', async () => {
    const spec = ticketsSpec();
    const { event, type, organizer } = await spec.onSale(5);
    const placed = await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 1 }]));

    expect(await refusal(spec.ordering.cancel(person(), placed.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(spec.ordering.cancel(organizer, placed.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(type.held).toBe(1);
  });
});

describe('Mutation.reserveTickets and Mutation.purchaseTickets resolvers', () => {
  const reached = new Error('the domain must not be reached');
  const untouchable = new Proxy({} as Ordering, {
    get: () => {
      throw reached;
    },
  });
  const call = (resolver: unknown, viewer: Viewer | null, input: unknown) =>
    Promise.resolve()
      .then(() => (resolver as (...args: unknown[]) => unknown)({}, { input }, { ordering: untouchable, viewer }, {}))
      .then(
        () => undefined,
        (error: { extensions?: Record<string, unknown> }) => error.extensions,
      );

  it('refuse an anonymous caller before looking at the input', async () => {
    expect(await call(reserveTickets, null, { items: [] })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await call(purchaseTickets, null, { quantity: 99 })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuse bad input, naming the field, before the domain runs', async () => {
    const eventId = randomUUID();
    expect(
      await call(reserveTickets, person(), { eventId, items: [{ ticketTypeId: randomUUID(), quantity: 11 }], idempotencyKey: 'k' }),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items',
    });
    expect(await call(reserveTickets, person(), { eventId, items: [], idempotencyKey: 'k' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items',
    });
    expect(await call(purchaseTickets, person(), { eventId, ticketTypeId: randomUUID(), quantity: 11, idempotencyKey: 'k' })).toMatchObject(
      {
        code: 'BAD_USER_INPUT',
        field: 'quantity',
      },
    );
  });

  it('take a voucher code to the domain, which matches it whatever its case and refuses an unknown one', async () => {
    const spec = ticketsSpec();
    const { event, type } = await spec.onSale(10);
    await spec.repositories.vouchers.insert({
      id: randomUUID(),
      eventId: event.id,
      organizerId: event.organizerId,
      code: 'Spring',
      kind: 'PERCENT',
      value: 20,
      ticketTypeIds: [],
      maxUses: null,
      validFrom: null,
      validUntil: null,
    });
    const reserve = (voucherCode: string) =>
      (reserveTickets as unknown as (...args: unknown[]) => Promise<{ totalCents: number; voucherId: string | null }>)(
        {},
        { input: { eventId: event.id, items: [{ ticketTypeId: type.id, quantity: 2 }], voucherCode, idempotencyKey: randomUUID() } },
        { ordering: spec.ordering, viewer: person() },
        {},
      );

    expect(await reserve('sPRING')).toMatchObject({ totalCents: 2 * 2000 });
    expect(await refusal(reserve('AUTUMN'))).toMatchObject({ code: 'VOUCHER_INVALID', field: 'voucherCode' });
    expect(type.held).toBe(2);
  });
});
