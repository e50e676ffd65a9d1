/**
 * What each consumed fact does: update the projections (ticket holders, events) and say which
 * notifications it asks for. Runs inside the consumer's transaction, next to its inbox row.
 */
import type { Tx } from '@sbor/db';
import type { Fact, Topic } from '@sbor/messaging';
import { findEvent, rememberCancellation, rememberEvent } from '../db/queries/events.js';
import type { EventRow } from '../db/events.js';
import { findHolder, holdersOfEvent, recordCancellation, recordCheckin, recordPurchase } from '../db/queries/ticket-holders.js';
import { saveUserEmail } from '../db/queries/user-contacts.js';
import type { NotificationDraft } from '../domain/recorder.js';
import { notificationText } from '../domain/texts.js';

export type FactEffect<T extends Topic> = (fact: Fact<T>, tx: Tx) => Promise<NotificationDraft[]>;
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

const ticketPurchased: FactEffect<'ticket.purchased'> = async (fact, tx) => {
  const d = fact.data;
  await recordPurchase(tx, { ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id, code: d.code, status: d.status });
  const event = await findEvent(tx, d.event_id);
  const text = notificationText({
    type: 'TICKET_PURCHASED',
    eventTitle: event?.title ?? null,
    code: d.code,
    startsAt: event?.startsAt ?? null,
    venue: event?.venue ?? null,
  });
  const purchase: NotificationDraft = { ...text, type: 'TICKET_PURCHASED', userId: d.user_id, eventId: d.event_id, ticketId: d.ticket_id, sourceFactId: fact.id };
  return [purchase, ...lateCancellationNotice(event, d.user_id)];
};

const ticketCheckin: FactEffect<'ticket.checkin'> = async (fact, tx) => {
  const d = fact.data;
  await recordCheckin(tx, { ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id });
  const [holder, event] = [await findHolder(tx, d.ticket_id), await findEvent(tx, d.event_id)];
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
const ticketCancelled: FactEffect<'ticket.cancelled'> = async (fact, tx) => {
  const d = fact.data;
  await recordCancellation(tx, { ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id, code: d.code, reason: d.reason });
  if (d.reason !== EVENT_CANCELLED_REASON) return [];
  return lateCancellationNotice(await findEvent(tx, d.event_id), d.user_id);
};

const eventPublished: FactEffect<'event.published'> = async (fact, tx) => {
  const d = fact.data;
  await rememberEvent(tx, { eventId: d.event_id, title: d.title, venue: d.venue, startsAt: new Date(d.starts_at) });
  return [];
};

const eventCancelled: FactEffect<'event.cancelled'> = async (fact, tx) => {
  const d = fact.data;
  const startsAt = new Date(d.starts_at);
  await rememberCancellation(tx, {
    eventId: d.event_id,
    title: d.title,
    startsAt,
    cancelFactId: fact.id,
    cancelledAt: new Date(d.cancelled_at),
    reason: d.reason,
  });
  const holders = await holdersOfEvent(tx, d.event_id, { statuses: ['ACTIVE', 'USED'], includeEventCancelled: true });
  const text = notificationText({ type: 'EVENT_CANCELLED', eventTitle: d.title, startsAt, reason: d.reason });
  return holders.map((userId) => ({ ...text, type: 'EVENT_CANCELLED', userId, eventId: d.event_id, ticketId: null, sourceFactId: fact.id }));
};

const eventReminder: FactEffect<'event.reminder'> = async (fact, tx) => {
  const d = fact.data;
  const startsAt = new Date(d.starts_at);
  await rememberEvent(tx, { eventId: d.event_id, title: d.title, venue: d.venue, startsAt });
  // A reminder racing a cancellation must not tell people to come to a cancelled event.
  if ((await findEvent(tx, d.event_id))?.cancelledAt) return [];
  const holders = await holdersOfEvent(tx, d.event_id, { statuses: ['ACTIVE'] });
  const text = notificationText({ type: 'EVENT_REMINDER', eventTitle: d.title, startsAt, venue: d.venue, offset: d.offset });
  return holders.map((userId) => ({ ...text, type: 'EVENT_REMINDER', userId, eventId: d.event_id, ticketId: null, sourceFactId: fact.id }));
};

/** Addresses belong to the users service; this is how email notifications learn where to go. */
const userRegistered: FactEffect<'user.registered'> = async (fact, tx) => {
  await saveUserEmail(tx, fact.data.user_id, fact.data.email);
  return [];
};

export const factEffects: FactEffects = {
  'ticket.purchased': ticketPurchased,
  'ticket.checkin': ticketCheckin,
  'ticket.cancelled': ticketCancelled,
  'event.published': eventPublished,
  'event.cancelled': eventCancelled,
  'event.reminder': eventReminder,
  'user.registered': userRegistered,
};
