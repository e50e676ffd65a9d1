import { describe, expect, it } from 'vitest';
import { at, order, person, refusal, stockAddsUp, ticketsSpec } from './spec-support.js';

async function reserved(spec: ReturnType<typeof ticketsSpec>, quantity = 2) {
  const sale = await spec.onSale(10);
  const buyer = person();
  const placed = await spec.ordering.reserve(buyer, order(sale.event.id, [{ ticketTypeId: sale.type.id, quantity }]));
  return { ...sale, buyer, placed };
}

describe('Checkout.checkout (Mutation.checkout)', () => {
  it('starts a payment for the order’s total, and resumes the same one when asked again', async () => {
    const spec = ticketsSpec();
    const { buyer, placed } = await reserved(spec);

    const payment = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
    const again = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');

    expect(payment).toMatchObject({
      provider: 'SANDBOX',
      status: 'PENDING',
      amountCents: 5000,
      currency: 'EUR',
      checkoutUrl: `https://pay.example/${payment.id}`,
    });
    expect(again.id).toBe(payment.id);
    expect(spec.sandbox.calls.created).toEqual([payment.id]);
  });

  it('withdraws a pending payment with another provider, and gives an offline payment days to arrive', async () => {
    const spec = ticketsSpec();
    const { buyer, placed } = await reserved(spec);
    const sandbox = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');

    const offline = await spec.checkout.checkout(buyer, placed.id, 'OFFLINE');

    expect(offline.instructions).toContain(placed.number);
    expect(spec.memory.payments.find((p) => p.id === sandbox.id)?.status).toBe('CANCELLED');
    expect(spec.sandbox.calls.cancelled).toEqual([sandbox.id]);
    expect(spec.memory.orders[0]!.expiresAt!.getTime()).toBeGreaterThan(at(71).getTime());
  });

  it('refuses a provider that is off, an expired hold, a paid order, and someone else’s order', async () => {
    const spec = ticketsSpec();
    const { buyer, placed } = await reserved(spec);
    expect(await refusal(spec.checkout.checkout(buyer, placed.id, 'STRIPE'))).toMatchObject({ code: 'ORDER_NOT_PAYABLE' });
    expect(await refusal(spec.checkout.checkout(person(), placed.id, 'SANDBOX'))).toMatchObject({ code: 'NOT_FOUND' });

    await spec.upkeep.runOnce(at(1));
    expect(await refusal(spec.checkout.checkout(buyer, placed.id, 'SANDBOX'))).toMatchObject({ code: 'HOLD_EXPIRED' });

    const free = await spec.onSale(5, { priceCents: 0 });
    const paid = await spec.ordering.reserve(buyer, order(free.event.id, [{ ticketTypeId: free.type.id, quantity: 1 }]));
    expect(await refusal(spec.checkout.checkout(buyer, paid.id, 'SANDBOX'))).toMatchObject({ code: 'ORDER_NOT_PAYABLE', status: 'PAID' });
  });
});

describe('Checkout.applyWebhook', () => {
  it('issues the tickets once when the payment succeeds, however often the webhook arrives', async () => {
    const spec = ticketsSpec();
    const { buyer, placed, type } = await reserved(spec, 3);
    const payment = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
    const event = { id: 'evt_1', kind: 'succeeded' as const, providerRef: payment.providerRef! };

    expect(await spec.checkout.applyWebhook('SANDBOX', event)).toBe('PAID');
    expect(await spec.checkout.applyWebhook('SANDBOX', event)).toBe('ALREADY_APPLIED');

    expect(spec.memory.orders[0]).toMatchObject({ status: 'PAID', expiresAt: null });
    expect(spec.memory.tickets.filter((t) => t.ownerId === buyer.userId)).toHaveLength(3);
    expect([type.held, type.sold]).toEqual([0, 3]);
    expect(spec.memory.payments[0]!.status).toBe('SUCCEEDED');
    expect(spec.memory.outbox.filter((f) => f.topic === 'order.paid')).toHaveLength(1);
    expect(spec.memory.outbox.filter((f) => f.topic === 'ticket.purchased')).toHaveLength(3);
    expect(stockAddsUp(spec.memory, type.id)).toBe(true);
  });

  it('marks a declined payment FAILED and keeps the hold, so the buyer can try again', async () => {
    const spec = ticketsSpec();
    const { buyer, placed, type } = await reserved(spec);
    const payment = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');

    expect(await spec.checkout.applyWebhook('SANDBOX', { id: 'evt_no', kind: 'failed', providerRef: payment.providerRef! })).toBe(
      'IGNORED',
    );

    expect(spec.memory.payments[0]!.status).toBe('FAILED');
    expect(spec.memory.orders[0]!.status).toBe('RESERVED');
    expect(type.held).toBe(2);
    expect((await spec.checkout.checkout(buyer, placed.id, 'SANDBOX')).id).not.toBe(payment.id);
  });

  it('refunds a payment that succeeds after the hold ended, and reports it; the stock stays back on sale', async () => {
    const spec = ticketsSpec();
    const { buyer, placed, type } = await reserved(spec);
    const payment = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
    await spec.upkeep.runOnce(at(1));

    expect(await spec.checkout.applyWebhook('SANDBOX', { id: 'evt_late', kind: 'succeeded', providerRef: payment.providerRef! })).toBe(
      'REFUNDED_UNNEEDED',
    );
    expect(await spec.checkout.applyWebhook('SANDBOX', { id: 'evt_late', kind: 'succeeded', providerRef: payment.providerRef! })).toBe(
      'ALREADY_APPLIED',
    );

    expect(spec.memory.orders[0]!.status).toBe('EXPIRED');
    expect(spec.memory.tickets).toHaveLength(0);
    expect(spec.sandbox.calls.refunds).toEqual([{ amountCents: 5000, idempotencyKey: `unneeded-${payment.id}` }]);
    expect(spec.memory.refunds).toMatchObject([{ amountCents: 5000, status: 'SUCCEEDED', ticketIds: [] }]);
    expect(spec.memory.outbox.at(-1)).toMatchObject({ topic: 'order.refunded', key: placed.id });
    expect([type.held, type.sold]).toEqual([0, 0]);
  });
});

describe('Checkout.applyWebhook: payments the order did not need', () => {
  it('refunds a second payment of an order already paid another way; the order keeps its tickets', async () => {
    const spec = ticketsSpec();
    const { buyer, placed, organizer } = await reserved(spec);
    const sandbox = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
    await spec.checkout.markPaid(organizer, placed.id);

    expect(await spec.checkout.applyWebhook('SANDBOX', { id: 'evt_second', kind: 'succeeded', providerRef: sandbox.providerRef! })).toBe(
      'REFUNDED_UNNEEDED',
    );

    expect(spec.memory.orders[0]!.status).toBe('PAID');
    expect(spec.memory.tickets.filter((t) => t.status === 'ACTIVE')).toHaveLength(2);
    expect(spec.sandbox.calls.refunds).toEqual([{ amountCents: 5000, idempotencyKey: `unneeded-${sandbox.id}` }]);
    expect(spec.memory.refunds).toMatchObject([{ paymentId: sandbox.id, amountCents: 5000, ticketIds: [] }]);
    expect(JSON.parse(spec.memory.outbox.at(-1)!.payload)).toMatchObject({
      event: 'order.refunded',
      data: { status: 'PAID', ticket_ids: [] },
    });
  });

  it('never pays an order through a payment it withdrew: that money goes back, and the order stays held', async () => {
    const spec = ticketsSpec();
    const { buyer, placed, type } = await reserved(spec);
    const sandbox = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
    await spec.checkout.checkout(buyer, placed.id, 'OFFLINE');

    expect(await spec.checkout.applyWebhook('SANDBOX', { id: 'evt_withdrawn', kind: 'succeeded', providerRef: sandbox.providerRef! })).toBe(
      'REFUNDED_UNNEEDED',
    );

    expect(spec.memory.orders[0]!.status).toBe('RESERVED');
    expect(spec.memory.tickets).toHaveLength(0);
    expect(type.held).toBe(2);
    expect(spec.memory.refunds).toMatchObject([
      { paymentId: sandbox.id, reason: 'Paid through a payment that had been withdrawn; it was returned.' },
    ]);
  });

  it('refunds the tickets’ payment, not a second payment already returned', async () => {
    const spec = ticketsSpec();
    const { buyer, placed, organizer } = await reserved(spec);
    const sandbox = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
    await spec.checkout.applyWebhook('SANDBOX', { id: 'evt_paid', kind: 'succeeded', providerRef: sandbox.providerRef! });
    const offline = spec.memory.payments.find((p) => p.id === sandbox.id)!;
    // A second payment on record, already returned whole.
    spec.memory.payments.unshift({ ...offline, id: 'second', provider: 'OFFLINE', createdAt: new Date() });
    spec.memory.refunds.push({
      id: 'r0',
      orderId: placed.id,
      paymentId: 'second',
      amountCents: 5000,
      reason: null,
      status: 'SUCCEEDED',
      providerRef: null,
      createdAt: new Date(),
      completedAt: new Date(),
      ticketIds: [],
    });

    await spec.refunding.refund(organizer, placed.id, {});

    expect(spec.sandbox.calls.refunds).toMatchObject([{ amountCents: 5000 }]);
  });
});

describe('Checkout.markPaid (Mutation.markOrderPaid)', () => {
  it('lets the event’s organizer confirm an offline payment, which issues the tickets', async () => {
    const spec = ticketsSpec();
    const { buyer, placed, organizer } = await reserved(spec);
    await spec.checkout.checkout(buyer, placed.id, 'OFFLINE');

    const paid = await spec.checkout.markPaid(organizer, placed.id);

    expect(paid.status).toBe('PAID');
    expect(spec.memory.tickets).toHaveLength(2);
    expect(spec.memory.payments[0]).toMatchObject({ provider: 'OFFLINE', status: 'SUCCEEDED' });
  });

  it('answers NOT_FOUND to anyone but the organizer, the buyer included', async () => {
    const spec = ticketsSpec();
    const { buyer, placed } = await reserved(spec);

    expect(await refusal(spec.checkout.markPaid(buyer, placed.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(spec.checkout.markPaid(person('ORGANIZER'), placed.id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(spec.memory.tickets).toHaveLength(0);
  });
});

describe('OrderUpkeep.runOnce', () => {
  it('ends each due hold once, returns its stock and writes order.expired; holds not yet due stay', async () => {
    const spec = ticketsSpec({ holdMinutes: 10 });
    const { event, type } = await spec.onSale(10);
    await spec.ordering.reserve(person(), order(event.id, [{ ticketTypeId: type.id, quantity: 4 }]));

    expect(await spec.upkeep.runOnce(at(0.1))).toBe(0);
    expect(await spec.upkeep.runOnce(at(0.2))).toBe(1);
    expect(await spec.upkeep.runOnce(at(0.3))).toBe(0);

    expect(type.held).toBe(0);
    expect(spec.memory.outbox.filter((f) => f.topic === 'order.expired')).toHaveLength(1);
    expect(stockAddsUp(spec.memory, type.id)).toBe(true);
  });
});
