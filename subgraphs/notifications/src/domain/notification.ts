import type { NotificationRow } from '../db/notifications.js';

/**
 * The kinds of notification, in the order of the GraphQL enum (and of stored muted lists). New
 * kinds go at the end: PostgreSQL appends added enum values. TICKET_PURCHASED is no longer created
 * (one ORDER_PAID per order replaced it) but stays for stored rows and clients that know it.
 */
export const NOTIFICATION_TYPES = [
  'TICKET_PURCHASED',
  'TICKET_CHECKED_IN',
  'EVENT_CANCELLED',
  'EVENT_REMINDER',
  'ORDER_PAID',
  'ORDER_EXPIRED',
  'REFUND_ISSUED',
  'WAITING_LIST_OFFER',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** A notification as the API and the live channel see it. */
export interface Notification {
  id: string;
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  read: boolean;
  createdAt: Date;
  eventId: string | null;
  ticketId: string | null;
  /** Position in the user's list; the cursor is built from it. */
  seq: number;
}

export const toNotification = (row: NotificationRow): Notification => ({
  id: row.id,
  userId: row.userId,
  type: row.type,
  title: row.title,
  body: row.body,
  read: row.readAt !== null,
  createdAt: row.createdAt,
  eventId: row.eventId,
  ticketId: row.ticketId,
  seq: row.seq,
});

/** The JSON form used by the cache and the pub/sub channel; `createdAt` travels as ISO-8601. */
export const serializeNotification = (n: Notification): string => JSON.stringify(n);

/** Back from its JSON form (the cache, the live channel). */
export function reviveNotification(raw: Omit<Notification, 'createdAt'> & { createdAt: string }): Notification {
  return { ...raw, createdAt: new Date(raw.createdAt) };
}

export const deserializeNotification = (json: string): Notification => reviveNotification(JSON.parse(json));
