import { describe, expect, it } from 'vitest';
import type { Translate } from '@/lib/i18n';
import { notificationLink, notificationTitle } from './notification-text';

/** Says which message and which values it was asked for (the message files have their own tests). */
const t: Translate = (key, params) => `${key}${params ? ` ${JSON.stringify(params)}` : ''}`;
const event = { id: 'e1', title: 'Jazz Night' };
const paid = { type: 'ORDER_PAID' as const, title: 'Your tickets are ready', event, ticket: { id: 't1', order: { id: 'o1' } } };

describe('notificationTitle', () => {
  it('says each kind in the reader’s language, naming the event', () => {
    expect(notificationTitle(paid, t, 'en')).toBe('notifications.title.ORDER_PAID {"event":"Jazz Night"}');
    expect(notificationTitle({ ...paid, type: 'EVENT_REMINDER' }, t, 'ru')).toBe(
      'notifications.title.EVENT_REMINDER {"event":"Jazz Night"}',
    );
  });

  it('without an event, keeps the API’s English title for English readers and names the kind for others', () => {
    const orphan = { ...paid, event: null };
    expect(notificationTitle(orphan, t, 'en')).toBe('Your tickets are ready');
    expect(notificationTitle(orphan, t, 'ru')).toBe('notifications.type.ORDER_PAID');
  });
});

describe('notificationLink', () => {
  it('leads a purchase or a refund to its order', () => {
    expect(notificationLink(paid)).toBe('/orders/o1');
    expect(notificationLink({ ...paid, type: 'REFUND_ISSUED' })).toBe('/orders/o1');
  });

  it('leads a check-in to the tickets, and anything else to its event', () => {
    expect(notificationLink({ ...paid, type: 'TICKET_CHECKED_IN' })).toBe('/tickets');
    expect(notificationLink({ type: 'EVENT_REMINDER', event, ticket: null })).toBe('/events/e1');
    expect(notificationLink({ type: 'ORDER_EXPIRED', event, ticket: null })).toBe('/events/e1');
    expect(notificationLink({ type: 'ORDER_EXPIRED', event: null, ticket: null })).toBeUndefined();
  });
});
