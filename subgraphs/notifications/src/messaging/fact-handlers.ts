/**
 * What each consumed fact does: update the projections (ticket holders, events) and say which
 * notifications it asks for. Runs inside the consumer's transaction, next to its inbox row.
 */
import type { Fact, Topic } from '@sbor/messaging';
import { recordNotifications, type AvailableChannels, type NotificationDraft, type Recorded } from '../domain/recorder.js';
import type { EventRow, NotificationsRepositories } from '../domain/repositories.js';
import { notificationText } from '../domain/texts.js';

/** The projections a fact updates; bound to the consumer's transaction. */
export type Projections = Pick<NotificationsRepositories, 'events' | 'holders' | 'contacts'>;
export type FactEffect<T extends Topic> = (fact: Fact<T>, projections: Projections) => Promise<NotificationDraft[]>;
export type FactEffects = { [T in Topic]?: FactEffect<T> };

/** The reason the tickets service gives when it cancels tickets because their event was cancelled. */
export const EVENT_CANCELLED_REASON = 'EVENT_CANCELLED';

/**
 * A holder the event.cancelled fan-out could not see yet (their ticket fact came later) gets the
 * same notice, keyed on the same event.cancelled fact, so nobody gets it twice.
 */
function lateCancellationNotice(event: EventRow | undefined, userId: string): NotificationDraft[] {
  if (!event?.cancelFactId) return [];
  const text = notificationText({ type: 'EVENT_CANCELLED', eventTitle: event.title, startsAt: event.startsAt, reason: event.cancelReason });
  return [{ ...text, type: 'EVENT_CANCELLED', userId, eventId: event.eventId, ticketId: null, sourceFactId: event.cancelFactId }];
}

/**
 * Feeds the holder projection only: the buyer hears of the purchase once per order, from
 * order.paid, not once per ticket.
 */
const ticketPurchased: FactEffect<'ticket.purchased'> = async (fact, { holders, events }) => {
  const d = fact.data;
  await holders.recordPurchase({ ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id, code: d.code, status: d.status });
  return lateCancellationNotice(await events.find(d.event_id), d.user_id);
};

const ticketCheckin: FactEffect<'ticket.checkin'> = async (fact, { holders, events }) => {
  const d = fact.data;
  await holders.recordCheckin({ ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id });
  const [holder, event] = [await holders.find(d.ticket_id), await events.find(d.event_id)];
  const text = notificationText({
    type: 'TICKET_CHECKED_IN',
    eventTitle: event?.title ?? null,
    code: holder?.code ?? null,
    checkedInAt: new Date(d.checked_in_at),
  });
  return [{ ...text, type: 'TICKET_CHECKED_IN', userId: d.user_id, eventId: d.event_id, ticketId: d.ticket_id, sourceFactId: fact.id }];
};

/**
 * No notice of its own: the contract has no "ticket cancelled" type, and when the whole event is
 * cancelled one EVENT_CANCELLED per person says it all (not one per ticket).
 */
const ticketCancelled: FactEffect<'ticket.cancelled'> = async (fact, { holders, events }) => {
  const d = fact.data;
  await holders.recordCancellation({ ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id, code: d.code, reason: d.reason });
  if (d.reason !== EVENT_CANCELLED_REASON) return [];
  return lateCancellationNotice(await events.find(d.event_id), d.user_id);
};

const eventPublished: FactEffect<'event.published'> = async (fact, { events }) => {
  const d = fact.data;
  await events.remember({ eventId: d.event_id, title: d.title, venue: d.venue, startsAt: new Date(d.starts_at) });
  return [];
};

const eventCancelled: FactEffect<'event.cancelled'> = async (fact, { holders, events }) => {
  const d = fact.data;
  const startsAt = new Date(d.starts_at);
  await events.rememberCancellation({
    eventId: d.event_id,
    title: d.title,
    startsAt,
    cancelFactId: fact.id,
    cancelledAt: new Date(d.cancelled_at),
    reason: d.reason,
  });
  const people = await holders.ofEvent(d.event_id, { statuses: ['ACTIVE', 'USED'], includeEventCancelled: true });
  const text = notificationText({ type: 'EVENT_CANCELLED', eventTitle: d.title, startsAt, reason: d.reason });
  return people.map((userId) => ({ ...text, type: 'EVENT_CANCELLED', userId, eventId: d.event_id, ticketId: null, sourceFactId: fact.id }));
};

const eventReminder: FactEffect<'event.reminder'> = async (fact, { holders, events }) => {
  const d = fact.data;
  const startsAt = new Date(d.starts_at);
  await events.remember({ eventId: d.event_id, title: d.title, venue: d.venue, startsAt });
  // A reminder racing a cancellation must not tell people to come to a cancelled event.
  if ((await events.find(d.event_id))?.cancelledAt) return [];
  const people = await holders.ofEvent(d.event_id, { statuses: ['ACTIVE'] });
  const text = notificationText({ type: 'EVENT_REMINDER', eventTitle: d.title, startsAt, venue: d.venue, offset: d.offset });
  return people.map((userId) => ({ ...text, type: 'EVENT_REMINDER', userId, eventId: d.event_id, ticketId: null, sourceFactId: fact.id }));
};

/** Addresses belong to the users service; this is how email notifications learn where to go. */
const userRegistered: FactEffect<'user.registered'> = async (fact, { contacts }) => {
  await contacts.saveEmail(fact.data.user_id, fact.data.email);
  return [];
};

/**
 * One ORDER_PAID per order, naming its tickets. The buyer becomes a holder of the event here too
 * (ticket.purchased, on another topic, may come later), so a cancellation or reminder reaches them.
 */
const orderPaid: FactEffect<'order.paid'> = async (fact, { holders, events }) => {
  const d = fact.data;
  for (const ticketId of d.ticket_ids) {
    await holders.recordPurchase({ ticketId, eventId: d.event_id, userId: d.buyer_id, status: 'ACTIVE' });
  }
  const event = await events.find(d.event_id);
  const text = notificationText({
    type: 'ORDER_PAID',
    eventTitle: event?.title ?? null,
    orderNumber: d.number,
    ticketCount: d.ticket_ids.length,
    total: { minorUnits: d.total_cents, currency: d.currency },
    startsAt: event?.startsAt ?? null,
    venue: event?.venue ?? null,
  });
  const paid: NotificationDraft = {
    ...text,
    type: 'ORDER_PAID',
    userId: d.buyer_id,
    eventId: d.event_id,
    // Notification.ticket is a single link: the order's first ticket.
    ticketId: d.ticket_ids[0]!,
    sourceFactId: fact.id,
  };
  return [paid, ...lateCancellationNotice(event, d.buyer_id)];
};

const orderExpired: FactEffect<'order.expired'> = async (fact, { events }) => {
  const d = fact.data;
  const event = await events.find(d.event_id);
  const text = notificationText({ type: 'ORDER_EXPIRED', eventTitle: event?.title ?? null, orderNumber: d.number });
  return [{ ...text, type: 'ORDER_EXPIRED', userId: d.buyer_id, eventId: d.event_id, ticketId: null, sourceFactId: fact.id }];
};

/** The tickets it cancelled leave the holder projection through their own ticket.cancelled facts. */
const orderRefunded: FactEffect<'order.refunded'> = async (fact, { events }) => {
  const d = fact.data;
  const event = await events.find(d.event_id);
  const text = notificationText({
    type: 'REFUND_ISSUED',
    eventTitle: event?.title ?? null,
    orderNumber: d.number,
    amount: { minorUnits: d.amount_cents, currency: d.currency },
    ticketCount: d.ticket_ids.length,
    reason: d.reason,
    latePayment: d.ticket_ids.length === 0 && (d.status === 'EXPIRED' || d.status === 'CANCELLED'),
    duplicatePayment: d.ticket_ids.length === 0 && (d.status === 'PAID' || d.status === 'RESERVED'),
    partial: d.status === 'PARTIALLY_REFUNDED',
  });
  const ticketId = d.ticket_ids.length === 1 ? d.ticket_ids[0]! : null;
  return [{ ...text, type: 'REFUND_ISSUED', userId: d.buyer_id, eventId: d.event_id, ticketId, sourceFactId: fact.id }];
};

export const factEffects: FactEffects = {
  'ticket.purchased': ticketPurchased,
  'ticket.checkin': ticketCheckin,
  'ticket.cancelled': ticketCancelled,
  'event.published': eventPublished,
  'event.cancelled': eventCancelled,
  'event.reminder': eventReminder,
  'user.registered': userRegistered,
  // order.reserved and order.cancelled notify nobody: the buyer is at the checkout when they
  // reserve or cancel their hold, and a hold an event cancellation ends holds no ticket yet, so the
  // checkout, not a "your tickets are cancelled" notice, tells them.
  'order.paid': orderPaid,
  'order.expired': orderExpired,
  'order.refunded': orderRefunded,
};

/**
 * One fact's whole effect, through repositories bound to one transaction: its projections, then
 * the notifications it asks for, each sent where the user's preferences say.
 */
export async function applyFact(fact: Fact, repositories: NotificationsRepositories, available: AvailableChannels): Promise<Recorded> {
  const effect = factEffects[fact.event] as FactEffect<Topic> | undefined;
  const drafts = effect ? await effect(fact, repositories) : [];
  return recordNotifications(repositories, drafts, available);
}
