import type { NotificationType } from '@/__generated__/graphql';
import type { Locale, MessageKey, Translate } from '@/lib/i18n';
import type { NotificationItem } from '../api/notifications';

const TITLES: Record<NotificationType, MessageKey> = {
  ORDER_PAID: 'notifications.title.ORDER_PAID',
  ORDER_EXPIRED: 'notifications.title.ORDER_EXPIRED',
  REFUND_ISSUED: 'notifications.title.REFUND_ISSUED',
  TICKET_PURCHASED: 'notifications.title.TICKET_PURCHASED',
  TICKET_CHECKED_IN: 'notifications.title.TICKET_CHECKED_IN',
  EVENT_CANCELLED: 'notifications.title.EVENT_CANCELLED',
  EVENT_REMINDER: 'notifications.title.EVENT_REMINDER',
  WAITING_LIST_OFFER: 'notifications.title.WAITING_LIST_OFFER',
};

export const TYPE_NAMES: Record<NotificationType, MessageKey> = {
  ORDER_PAID: 'notifications.type.ORDER_PAID',
  ORDER_EXPIRED: 'notifications.type.ORDER_EXPIRED',
  REFUND_ISSUED: 'notifications.type.REFUND_ISSUED',
  TICKET_PURCHASED: 'notifications.type.TICKET_PURCHASED',
  TICKET_CHECKED_IN: 'notifications.type.TICKET_CHECKED_IN',
  EVENT_CANCELLED: 'notifications.type.EVENT_CANCELLED',
  EVENT_REMINDER: 'notifications.type.EVENT_REMINDER',
  WAITING_LIST_OFFER: 'notifications.type.WAITING_LIST_OFFER',
};

/**
 * The headline in the reader's language. The API writes its texts in English only, so the app
 * says each kind itself, naming the event; without one, English readers get the API's own title.
 */
export function notificationTitle(notification: Pick<NotificationItem, 'type' | 'title' | 'event'>, t: Translate, locale: Locale): string {
  if (notification.event) return t(TITLES[notification.type], { event: notification.event.title });
  return locale === 'en' ? notification.title : t(TYPE_NAMES[notification.type]);
}

/** Where a notification leads: the order it is about, the tickets, or its event. */
export function notificationLink(notification: Pick<NotificationItem, 'type' | 'event' | 'ticket'>): string | undefined {
  const order = notification.ticket?.order.id;
  if (order && (notification.type === 'ORDER_PAID' || notification.type === 'REFUND_ISSUED' || notification.type === 'TICKET_PURCHASED')) {
    return `/orders/${order}`;
  }
  if (notification.type === 'TICKET_CHECKED_IN') return '/tickets';
  // The offer is a held order, listed with the user's other orders and their waiting list.
  if (notification.type === 'WAITING_LIST_OFFER') return '/orders';
  return notification.event ? `/events/${notification.event.id}` : undefined;
}
