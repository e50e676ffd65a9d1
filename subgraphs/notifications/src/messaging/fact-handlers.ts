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
/**
 * The effect of several facts of one topic, in order, in a fixed number of statements: what a
 * backlog of purchases costs per batch rather than per fact.
 */
export type BatchEffect<T extends Topic> = (facts: readonly Fact<T>[], projections: Projections) => Promise<NotificationDraft[]>;
export type BatchEffects = { [T in Topic]?: BatchEffect<T> };

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
 * order.paid, not once per ticket. Purchases only add holders and read events, so a batch writes
 * its holders in one statement and reads its events in one.
 */
const ticketsPurchased: BatchEffect<'ticket.purchased'> = async (facts, { holders, events }) => {
  // Independent statements, sent together: one round trip instead of two.
  const [, known] = await Promise.all([
    holders.recordPurchases(
      facts.map(({ data: d }) => ({ ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id, status: d.status })),
    ),
    events.findMany(facts.map((f) => f.data.event_id)),
  ]);
  return facts.flatMap(({ data: d }) => lateCancellationNotice(known.get(d.event_id), d.user_id));
};

const ticketCheckin: FactEffect<'ticket.checkin'> = async (fact, { holders, events }) => {
  const d = fact.data;
  await holders.recordCheckin({ ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id });
  const event = await events.find(d.event_id);
  const text = notificationText({
    type: 'TICKET_CHECKED_IN',
    eventTitle: event?.title ?? null,
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
  await holders.recordCancellation({ ticketId: d.ticket_id, eventId: d.event_id, userId: d.user_id, reason: d.reason });
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

/**
 * Addresses belong to the users service; this is how email notifications learn where to go. The
 * fact's timestamp is when the address was set: a new address starts unverified.
 */
const userRegistered: FactEffect<'user.registered'> = async (fact, { contacts }) => {
  await contacts.saveEmail(fact.data.user_id, fact.data.email, new Date(fact.timestamp));
  return [];
};

/** Email goes only to a verified address; this fact (ids only) is how notifications learns one is. */
const userEmailVerified: FactEffect<'user.email_verified'> = async (fact, { contacts }) => {
  await contacts.markVerified(fact.data.user_id, new Date(fact.data.verified_at));
  return [];
};

/**
 * One ORDER_PAID per order, naming its tickets. The buyer becomes a holder of the event here too
 * (ticket.purchased, on another topic, may come later), so a cancellation or reminder reaches them.
 * Like purchases, a batch writes its holders in one statement and reads its events in one.
 */
const ordersPaid: BatchEffect<'order.paid'> = async (facts, { holders, events }) => {
  const [, known] = await Promise.all([
    holders.recordPurchases(
      facts.flatMap(({ data: d }) =>
        d.ticket_ids.map((ticketId) => ({ ticketId, eventId: d.event_id, userId: d.buyer_id, status: 'ACTIVE' as const })),
      ),
    ),
    events.findMany(facts.map((f) => f.data.event_id)),
  ]);
  return facts.flatMap((fact) => orderPaidNotices(fact, known.get(fact.data.event_id)));
};

function orderPaidNotices(fact: Fact<'order.paid'>, event: EventRow | undefined): NotificationDraft[] {
  const d = fact.data;
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
}

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

/**
 * One WAITING_LIST_OFFER to the user the hold is for, naming the order that claims the tickets.
 * No tickets exist yet, so none is linked and nobody becomes a holder: order.paid does that.
 */
const waitingListOffered: FactEffect<'waitinglist.offered'> = async (fact, { events }) => {
  const d = fact.data;
  const event = await events.find(d.event_id);
  // An offer racing a cancellation must not ask anyone to pay for a cancelled event: the
  // cancellation ends the hold anyway (order.cancelled), so there is nothing left to claim.
  if (event?.cancelledAt) return [];
  const text = notificationText({
    type: 'WAITING_LIST_OFFER',
    eventTitle: event?.title ?? null,
    ticketTypeName: d.ticket_type_name ?? null,
    quantity: d.quantity,
    orderNumber: d.number,
    total: { minorUnits: d.total_cents, currency: d.currency },
    offerExpiresAt: new Date(d.offer_expires_at),
  });
  return [{ ...text, type: 'WAITING_LIST_OFFER', userId: d.buyer_id, eventId: d.event_id, ticketId: null, sourceFactId: fact.id }];
};

/** Topics whose facts a batch applies together; the rest are applied one by one, in order. */
export const batchEffects: BatchEffects = {
  'ticket.purchased': ticketsPurchased,
  'order.paid': ordersPaid,
};

const one =
  <T extends Topic>(effect: BatchEffect<T>): FactEffect<T> =>
  (fact, projections) =>
    effect([fact], projections);

export const factEffects: FactEffects = {
  'ticket.purchased': one(ticketsPurchased),
  'ticket.checkin': ticketCheckin,
  'ticket.cancelled': ticketCancelled,
  'event.published': eventPublished,
  'event.cancelled': eventCancelled,
  'event.reminder': eventReminder,
  'user.registered': userRegistered,
  'user.email_verified': userEmailVerified,
  // order.reserved and order.cancelled notify nobody: the buyer is at the checkout when they
  // reserve or cancel their hold, and a hold an event cancellation ends holds no ticket yet, so the
  // checkout, not a "your tickets are cancelled" notice, tells them.
  'order.paid': one(ordersPaid),
  'order.expired': orderExpired,
  'order.refunded': orderRefunded,
  'waitinglist.offered': waitingListOffered,
};

/** What one fact does to the projections, and the notifications it asks for (not yet stored). */
export async function factDrafts(fact: Fact, projections: Projections): Promise<NotificationDraft[]> {
  const effect = factEffects[fact.event] as FactEffect<Topic> | undefined;
  return effect ? effect(fact, projections) : [];
}

/**
 * What several facts do, in their order: each run of facts of one topic that has a batch effect
 * goes through it at once (a Kafka batch is one topic-partition, so a whole batch is one run),
 * any other fact through its own effect.
 */
export async function factsDrafts(facts: readonly Fact[], projections: Projections): Promise<NotificationDraft[]> {
  const drafts: NotificationDraft[] = [];
  for (let start = 0; start < facts.length;) {
    const topic = facts[start]!.event;
    let end = start + 1;
    while (end < facts.length && facts[end]!.event === topic) end++;
    const batch = batchEffects[topic] as BatchEffect<Topic> | undefined;
    if (batch) drafts.push(...(await batch(facts.slice(start, end), projections)));
    else for (const fact of facts.slice(start, end)) drafts.push(...(await factDrafts(fact, projections)));
    start = end;
  }
  return drafts;
}

/**
 * One fact's whole effect, through repositories bound to one transaction: its projections, then
 * the notifications it asks for, each sent where the user's preferences say.
 */
export async function applyFact(fact: Fact, repositories: NotificationsRepositories, available: AvailableChannels): Promise<Recorded> {
  return recordNotifications(repositories, await factDrafts(fact, repositories), available);
}

/**
 * Several facts' whole effect in one transaction, as the consumer applies a batch: the effects in
 * order (`factsDrafts`), then every notification they ask for stored at once (no effect reads
 * notifications, so storing them last changes nothing but the round trips).
 */
export async function applyFacts(
  facts: readonly Fact[],
  repositories: NotificationsRepositories,
  available: AvailableChannels,
): Promise<Recorded> {
  return recordNotifications(repositories, await factsDrafts(facts, repositories), available);
}
