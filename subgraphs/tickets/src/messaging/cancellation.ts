/**
 * Consumes `event.cancelled`, once per fact: sales close, every active ticket is cancelled, orders
 * still on hold are cancelled, waiting lists close, and every paid order gets a refund queued for
 * the refund worker.
 */
import type { Tx } from '@sbor/db';
import { checkingBus, createFactConsumer, ForgedFactError, Topics, type Bus, type Fact, type Subscription } from '@sbor/messaging';
import type { EventsClient } from '../clients/events.js';
import type { Db } from '@sbor/db';
import { recordEventCancelled } from '../db/queries/events.js';
import { queueEventRefunds } from '../db/queries/refunds.js';
import { lockReservedOrdersOfEvent, releaseOrders } from '../db/queries/release-orders.js';
import { closeSalesOfEvent } from '../db/queries/ticket-types.js';
import { closeWaitingListsOfEvent } from '../db/queries/waiting-list.js';
import { cancelActiveTicketsOfEvent } from '../db/queries/tickets.js';
import { inbox, outbox } from '../db/outbox.js';
import { REFUND_REASON_EVENT_CANCELLED } from '../domain/refunding.js';
import type { TicketRow } from '../db/tickets.js';
import { factRow, orderCancelledFact, ticketCancelled } from './facts.js';

export const TICKETS_CONSUMER_GROUP = 'tickets';
export const CANCELLATION_REASON = 'EVENT_CANCELLED';

/**
 * The effect, inside the inbox transaction. Closing the event's ticket types takes their row
 * locks, which waits for sales in flight: their tickets are committed before the UPDATE below
 * reads, and sales that come later find the types closed and sell nothing.
 */
export async function cancelEventTickets(tx: Tx, fact: Fact<'event.cancelled'>): Promise<TicketRow[]> {
  const { event_id: eventId, cancelled_at: cancelledAt, reason } = fact.data;
  await closeSalesOfEvent(tx, eventId);
  await recordEventCancelled(tx, eventId, new Date(cancelledAt), reason);
  const cancelled = await cancelActiveTicketsOfEvent(tx, eventId);
  for (const ticket of cancelled) await ticketCancelled(tx, ticket, CANCELLATION_REASON);
  // Offers it held end as EXPIRED (the user did not let them go), and nobody waits any more.
  const held = await releaseOrders(tx, await lockReservedOrdersOfEvent(tx, eventId), 'CANCELLED', 'EXPIRED');
  await closeWaitingListsOfEvent(tx, eventId);
  if (held.length > 0)
    await tx.insert(outbox).values(held.map((o) => factRow(orderCancelledFact(o, 'EVENT_CANCELLED', new Date(cancelledAt)))));
  await queueEventRefunds(tx, eventId, REFUND_REASON_EVENT_CANCELLED, cancelled);
  return cancelled;
}

/**
 * Cancelling an event cancels and refunds every ticket, and nothing undoes it, so an
 * event.cancelled is applied only if the events service (which owns events) says the event is
 * cancelled: anyone who can write to the topic could otherwise cancel any event. A contradicted
 * fact is parked in event.cancelled.dlq; no answer is retried by the bus.
 */
export async function checkEventCancelled(events: EventsClient, fact: Fact<'event.cancelled'>): Promise<void> {
  const event = await events.getEvent(fact.data.event_id);
  if (!event) throw new ForgedFactError(fact.event, 'the events service does not know the event');
  if (event.status !== 'CANCELLED') throw new ForgedFactError(fact.event, `the event is ${event.status}`);
  if (event.organizerId !== fact.data.organizer_id) throw new ForgedFactError(fact.event, 'the event has another organizer');
}

export function startCancellationConsumer(options: {
  bus: Bus;
  db: Db;
  /** Asked whether each event.cancelled is true before it is applied. */
  events: EventsClient;
  groupId?: string;
  /** Where a new group starts; `earliest` (default) so a cancellation made while we were down still applies. */
  startAt?: 'earliest' | 'latest';
  /** Called after each applied cancellation, e.g. to wake the outbox relay. */
  onApplied?: () => void;
}): Promise<Subscription> {
  return createFactConsumer<number>({
    bus: checkingBus(options.bus, [Topics.eventCancelled], (fact) => checkEventCancelled(options.events, fact as Fact<'event.cancelled'>)),
    db: options.db,
    inbox,
    groupId: options.groupId ?? TICKETS_CONSUMER_GROUP,
    startAt: options.startAt,
    handlers: {
      [Topics.eventCancelled]: async (fact, tx) => (await cancelEventTickets(tx, fact)).length,
    },
    // Once the cancellation committed, the relay can send its ticket.cancelled facts right away.
    afterCommit: (applied) => {
      if (applied.some(({ result: cancelled }) => cancelled > 0)) options.onApplied?.();
    },
  });
}
