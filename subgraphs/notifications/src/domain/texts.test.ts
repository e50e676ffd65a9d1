import { describe, expect, it } from 'vitest';
import { formatMoney, formatWhen, notificationText } from './texts.js';

const startsAt = new Date('2026-05-01T18:00:00Z');

describe('notificationText', () => {
  it('TICKET_CHECKED_IN says for what and when, never the ticket code', () => {
    const text = notificationText({
      type: 'TICKET_CHECKED_IN',
      eventTitle: 'Jazz Night',
      checkedInAt: new Date('2026-05-01T17:52:00Z'),
    });
    expect(text.title).toBe('Checked in to Jazz Night');
    expect(text.body).toBe('Your ticket for Jazz Night was checked in at Fri, 1 May 2026, 17:52 UTC. Enjoy the event!');
  });

  it('EVENT_CANCELLED gives the reason when there is one', () => {
    const text = notificationText({ type: 'EVENT_CANCELLED', eventTitle: 'Jazz Night', startsAt, reason: 'The band is ill' });
    expect(text.title).toBe('Jazz Night is cancelled');
    expect(text.body).toBe(
      'Jazz Night, planned for Fri, 1 May 2026, 18:00 UTC, has been cancelled by the organizer. Reason: The band is ill. Your tickets for it are cancelled.',
    );
    expect(notificationText({ type: 'EVENT_CANCELLED', eventTitle: 'Jazz Night', startsAt: null, reason: null }).body).toBe(
      'Jazz Night has been cancelled by the organizer. Your tickets for it are cancelled.',
    );
  });

  it('EVENT_REMINDER says how soon and where', () => {
    expect(notificationText({ type: 'EVENT_REMINDER', eventTitle: 'Jazz Night', startsAt, venue: 'Blue Hall', offset: '1h' })).toEqual({
      title: 'Jazz Night starts in 1 hour at Blue Hall',
      body: "Jazz Night starts Fri, 1 May 2026, 18:00 UTC at Blue Hall. Have your ticket's QR code ready at the door.",
    });
    expect(notificationText({ type: 'EVENT_REMINDER', eventTitle: 'Jazz Night', startsAt, venue: '', offset: '24h' }).title).toBe(
      'Jazz Night starts tomorrow',
    );
  });
});

describe('notificationText for orders', () => {
  const eur = (minorUnits: number) => ({ minorUnits, currency: 'EUR' });

  it('ORDER_PAID names the event, how many tickets, the order number, what was paid, when and where', () => {
    const text = notificationText({
      type: 'ORDER_PAID',
      eventTitle: 'Jazz Night',
      orderNumber: 'SB-7KQ2-XR4M',
      ticketCount: 3,
      total: eur(4500),
      startsAt,
      venue: 'Blue Hall',
    });
    expect(text).toEqual({
      title: 'Your tickets for Jazz Night are ready',
      body: 'Order SB-7KQ2-XR4M is confirmed: 3 tickets for Jazz Night, €45.00 paid. It starts Fri, 1 May 2026, 18:00 UTC at Blue Hall. Show their QR codes at the door.',
    });
  });

  it('ORDER_PAID speaks of one ticket in the singular, leaves out a free total, and reads well without the event', () => {
    const text = notificationText({
      type: 'ORDER_PAID',
      eventTitle: null,
      orderNumber: 'SB-1',
      ticketCount: 1,
      total: eur(0),
      startsAt: null,
      venue: null,
    });
    expect(text).toEqual({
      title: 'Your ticket is ready',
      body: 'Order SB-1 is confirmed: 1 ticket for your event. Show its QR code at the door.',
    });
  });

  it('ORDER_EXPIRED says the tickets went back on sale and the buyer can reserve again', () => {
    expect(notificationText({ type: 'ORDER_EXPIRED', eventTitle: 'Jazz Night', orderNumber: 'SB-1' })).toEqual({
      title: 'Your reservation for Jazz Night ended',
      body: 'Order SB-1 for Jazz Night was not paid in time, so its tickets went back on sale. Reserve again if you still want to go.',
    });
    expect(notificationText({ type: 'ORDER_EXPIRED', eventTitle: null, orderNumber: 'SB-1' }).title).toBe('Your reservation ended');
  });

  const refund = { type: 'REFUND_ISSUED', eventTitle: 'Jazz Night', orderNumber: 'SB-1', reason: null, latePayment: false } as const;

  it('REFUND_ISSUED gives the amount in its currency, the tickets it cancelled and the reason', () => {
    expect(notificationText({ ...refund, amount: eur(3000), ticketCount: 2, partial: false, reason: 'Seats double-booked' })).toEqual({
      title: 'Refund of €30.00 for Jazz Night',
      body: '€30.00 for order SB-1 is on its way back to you. 2 tickets were cancelled. Reason: Seats double-booked.',
    });
  });

  it('REFUND_ISSUED says the other tickets stay valid after a partial refund', () => {
    expect(notificationText({ ...refund, eventTitle: null, amount: eur(1500), ticketCount: 1, partial: true })).toEqual({
      title: 'Refund of €15.00',
      body: '€15.00 for order SB-1 is on its way back to you. 1 ticket was cancelled. Your other tickets in this order stay valid.',
    });
  });

  it('REFUND_ISSUED for a payment that came after the hold ended says the payment was returned', () => {
    expect(notificationText({ ...refund, amount: eur(4500), ticketCount: 0, partial: false, duplicatePayment: true })).toEqual({
      title: 'Your extra payment of €45.00 was returned',
      body: 'Order SB-1 for Jazz Night did not need this payment of €45.00, so it was returned to you.',
    });
    expect(notificationText({ ...refund, amount: eur(4500), ticketCount: 0, partial: false, latePayment: true })).toEqual({
      title: 'Your payment of €45.00 was returned',
      body: 'Your payment for order SB-1 for Jazz Night arrived after the reservation had ended, so no tickets were issued and €45.00 was returned to you.',
    });
  });

  it('REFUND_ISSUED for free tickets says nothing was charged', () => {
    expect(notificationText({ ...refund, amount: eur(0), ticketCount: 2, partial: false })).toEqual({
      title: 'Tickets for Jazz Night cancelled',
      body: 'Order SB-1: 2 tickets were cancelled. Nothing was charged, so there is nothing to return.',
    });
  });
});

describe('notificationText for the waiting list', () => {
  const offer = {
    type: 'WAITING_LIST_OFFER',
    eventTitle: 'Jazz Night',
    ticketTypeName: 'Balcony',
    quantity: 2,
    orderNumber: 'SB-7KQ2-XR4M',
    total: { minorUnits: 8000, currency: 'EUR' },
    offerExpiresAt: new Date('2026-05-01T12:30:00Z'),
  } as const;

  it('WAITING_LIST_OFFER names the event, the ticket type, how many are held, until when, and the order that claims them', () => {
    expect(notificationText(offer)).toEqual({
      title: 'Your turn: 2 tickets for Jazz Night are held for you',
      body:
        'From the waiting list: 2 tickets (Balcony) for Jazz Night are held for you until Fri, 1 May 2026, 12:30 UTC. ' +
        'Pay order SB-7KQ2-XR4M (€80.00) by then to claim them; after that they go to the next person in line.',
    });
  });

  it('WAITING_LIST_OFFER speaks of one ticket in the singular, says a free hold costs nothing, and reads well without event or type', () => {
    const text = notificationText({
      ...offer,
      eventTitle: null,
      ticketTypeName: null,
      quantity: 1,
      total: { minorUnits: 0, currency: 'EUR' },
    });
    expect(text).toEqual({
      title: 'Your turn: a ticket is held for you',
      body:
        'From the waiting list: 1 ticket is held for you until Fri, 1 May 2026, 12:30 UTC. ' +
        'Complete order SB-7KQ2-XR4M (free of charge) by then to claim it; after that it goes to the next person in line.',
    });
  });
});

describe('formatMoney', () => {
  it('reads minor units with the number of decimals each currency has', () => {
    expect(formatMoney({ minorUnits: 1999, currency: 'USD' })).toBe('$19.99');
    expect(formatMoney({ minorUnits: 1500, currency: 'JPY' })).toBe('¥1,500');
    expect(formatMoney({ minorUnits: 12345, currency: 'KWD' })).toBe('KWD\u00a012.345');
    expect(formatMoney({ minorUnits: 150000, currency: 'RUB' })).toBe('RUB\u00a01,500.00');
  });
});

describe('formatWhen', () => {
  it('writes UTC with the zone named, padding the minutes', () => {
    expect(formatWhen(new Date('2026-01-04T09:05:00Z'))).toBe('Sun, 4 January 2026, 09:05 UTC');
  });
});
