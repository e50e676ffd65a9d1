/** Every Kafka topic of DESIGN.md. Topics are created up front by infra/, never auto-created. */
export const Topics = {
  ticketPurchased: 'ticket.purchased',
  ticketCheckin: 'ticket.checkin',
  /** Beyond DESIGN.md's list: a check-in taken back at the door (`undoCheckIn`); the ticket admits again. */
  ticketCheckinUndone: 'ticket.checkin_undone',
  ticketCancelled: 'ticket.cancelled',
  eventPublished: 'event.published',
  eventCancelled: 'event.cancelled',
  eventReminder: 'event.reminder',
  /** Beyond DESIGN.md's list: how the notifications service learns where to send email. */
  userRegistered: 'user.registered',
  /**
   * Beyond DESIGN.md's list: the owner proved they read mail at the account's address (issue 16);
   * email notifications go only to verified addresses. Ids only: the link that proved it never leaves users.
   */
  userEmailVerified: 'user.email_verified',
  orderReserved: 'order.reserved',
  orderPaid: 'order.paid',
  orderExpired: 'order.expired',
  orderCancelled: 'order.cancelled',
  orderRefunded: 'order.refunded',
  waitingListOffered: 'waitinglist.offered',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

export const FACT_TOPICS: readonly Topic[] = Object.values(Topics);

/** A message that keeps failing is parked here with its error, never dropped. */
export const deadLetterTopic = (topic: string) => `${topic}.dlq`;

/** Fact topics and their dead-letter topics: what infra/ creates. */
export const ALL_TOPICS: readonly string[] = [...FACT_TOPICS, ...FACT_TOPICS.map(deadLetterTopic)];
