import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { order, person, refusal, ticketsSpec } from './spec-support.js';

/** An order of `quantity` tickets, paid through the sandbox. */
async function paidOrder(spec: ReturnType<typeof ticketsSpec>, quantity = 3) {
  const sale = await spec.onSale(10);
  const buyer = person();
  const placed = await spec.ordering.reserve(buyer, order(sale.event.id, [{ ticketTypeId: sale.type.id, quantity }]));
  const payment = await spec.checkout.checkout(buyer, placed.id, 'SANDBOX');
  await spec.checkout.applyWebhook('SANDBOX', { id: `evt_${randomUUID()}`, kind: 'succeeded', providerRef: payment.providerRef! });
  const tickets = spec.memory.tickets.filter((t) => t.orderId === placed.id);
  return { ...sale, buyer, placed, tickets };
}

describe('Refunding.refund (Mutation.refundOrder)', () => {
  it('refunds the named tickets through the provider, cancels them and puts them back on sale', async () => {
    const spec = ticketsSpec();
    const { organizer, placed, tickets, type } = await paidOrder(spec);

    const after = await spec.refunding.refund(organizer, placed.id, { ticketIds: [tickets[0]!.id], reason: 'Cannot come' });

    expect(after.status).toBe('PARTIALLY_REFUNDED');
    expect(spec.sandbox.calls.refunds).toMatchObject([{ amountCents: 2500 }]);
    expect(tickets.map((t) => t.status)).toEqual(['CANCELLED', 'ACTIVE', 'ACTIVE']);
    expect(type.sold).toBe(2);
    expect(spec.memory.refunds).toMatchObject([
      { amountCents: 2500, reason: 'Cannot come', status: 'SUCCEEDED', ticketIds: [tickets[0]!.id] },
    ]);
    expect(spec.memory.outbox.slice(-2).map((f) => f.topic)).toEqual(['order.refunded', 'ticket.cancelled']);
  });

  it('refunds the rest of the order when no tickets are named, and then nothing more', async () => {
    const spec = ticketsSpec();
    const { organizer, placed, tickets } = await paidOrder(spec);
    await spec.refunding.refund(organizer, placed.id, { ticketIds: [tickets[0]!.id] });

    expect((await spec.refunding.refund(organizer, placed.id, {})).status).toBe('REFUNDED');
    expect(spec.sandbox.calls.refunds.map((r) => r.amountCents)).toEqual([2500, 5000]);
    expect(await refusal(spec.refunding.refund(organizer, placed.id, {}))).toMatchObject({ code: 'INVALID_TRANSITION', from: 'REFUNDED' });
  });

  it('changes nothing when the provider refuses, and says REFUND_FAILED', async () => {
    const spec = ticketsSpec();
    const { organizer, placed, tickets, type } = await paidOrder(spec);
    spec.sandbox.state.failRefunds = true;

    expect(await refusal(spec.refunding.refund(organizer, placed.id, {}))).toMatchObject({ code: 'REFUND_FAILED' });

    expect(tickets.every((t) => t.status === 'ACTIVE')).toBe(true);
    expect(spec.memory.orders[0]!.status).toBe('PAID');
    expect(spec.memory.refunds).toEqual([]);
    expect(type.sold).toBe(3);
  });

  it('refuses tickets of another order and tickets already refunded, naming which', async () => {
    const spec = ticketsSpec();
    const first = await paidOrder(spec);
    const second = await paidOrder(spec, 1);
    await spec.refunding.refund(first.organizer, first.placed.id, { ticketIds: [first.tickets[0]!.id] });

    expect(await refusal(spec.refunding.refund(first.organizer, first.placed.id, { ticketIds: [second.tickets[0]!.id] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ticketIds.0',
    });
    expect(
      await refusal(spec.refunding.refund(first.organizer, first.placed.id, { ticketIds: [first.tickets[1]!.id, first.tickets[0]!.id] })),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'ticketIds.1',
    });
  });

  it('answers NOT_FOUND to anyone but the event’s organizer, the buyer included', async () => {
    const spec = ticketsSpec();
    const { buyer, placed } = await paidOrder(spec);

    expect(await refusal(spec.refunding.refund(buyer, placed.id, {}))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(spec.refunding.refund(person('ORGANIZER'), placed.id, {}))).toMatchObject({ code: 'NOT_FOUND' });
    expect(spec.sandbox.calls.refunds).toEqual([]);
  });
});

describe('Refunding.settlePending', () => {
  it('sends each owed refund once, with its own id as the key, retrying one the provider refused', async () => {
    const spec = ticketsSpec();
    const { placed, tickets } = await paidOrder(spec, 2);
    spec.memory.refunds.push({
      id: randomUUID(),
      orderId: placed.id,
      paymentId: spec.memory.payments[0]!.id,
      amountCents: 5000,
      reason: 'The event was cancelled.',
      status: 'PENDING',
      providerRef: null,
      createdAt: new Date(),
      completedAt: null,
      ticketIds: tickets.map((t) => t.id),
    });
    for (const t of tickets) t.status = 'CANCELLED';
    spec.sandbox.state.failRefunds = true;
    expect(await spec.refunding.settlePending()).toBe(0);
    spec.sandbox.state.failRefunds = false;

    expect(await spec.refunding.settlePending()).toBe(1);
    expect(await spec.refunding.settlePending()).toBe(0);

    expect(spec.sandbox.calls.refunds).toEqual([{ amountCents: 5000, idempotencyKey: spec.memory.refunds[0]!.id }]);
    expect(spec.memory.orders[0]!.status).toBe('REFUNDED');
    expect(spec.memory.outbox.at(-1)).toMatchObject({ topic: 'order.refunded', key: placed.id });
  });
});
