import { describe, expect, it } from 'vitest';
import { refundAmountCents, refundableTickets, ticketIdsToSend, type RefundableOrder } from './refund';

const order: RefundableOrder = {
  lines: [
    { ticketType: { id: 'vip' }, quantity: 2, unitPriceCents: 5000, discountCents: 1001 },
    { ticketType: { id: 'std' }, quantity: 1, unitPriceCents: 2500, discountCents: 0 },
  ],
  tickets: [
    { id: 'a', status: 'ACTIVE', ticketType: { id: 'vip' } },
    { id: 'b', status: 'USED', ticketType: { id: 'vip' } },
    { id: 'c', status: 'CANCELLED', ticketType: { id: 'std' } },
  ],
};

describe('refundAmountCents', () => {
  it('gives each ticket’s price less its share of the line’s discount, rounded down as the API does', () => {
    expect(refundAmountCents(order, ['a'])).toBe(5000 - 500);
    expect(refundAmountCents(order, ['a', 'b'])).toBe(9000);
    expect(refundAmountCents(order, ['c'])).toBe(2500);
    expect(refundAmountCents(order, [])).toBe(0);
  });
});

describe('refundableTickets', () => {
  it('leaves out tickets already cancelled', () => {
    expect(refundableTickets(order.tickets).map((ticket) => ticket.id)).toEqual(['a', 'b']);
  });
});

describe('ticketIdsToSend', () => {
  it('sends none, meaning the whole order, when every ticket left is chosen', () => {
    expect(ticketIdsToSend(order, ['a', 'b'])).toBeNull();
  });

  it('names the chosen tickets otherwise', () => {
    expect(ticketIdsToSend(order, ['b'])).toEqual(['b']);
    expect(ticketIdsToSend(order, [])).toEqual([]);
  });
});
