/**
 * The facts this service publishes (DESIGN.md "Kafka facts"), built from its own views. The
 * repositories write them to the outbox in the transaction of the change they describe; the
 * service consumes none.
 */
import { makeFact, Topics, type Fact } from '@sbor/messaging';
import type { EventView } from '../domain/model.js';
import type { ReminderOffset } from '../domain/repositories.js';

/** A claimed reminder with what its fact tells: the event's title, start and venue. */
export interface DueReminder {
  id: string;
  eventId: string;
  offset: ReminderOffset;
  title: string;
  startsAt: Date;
  venue: string;
}

const iso = (date: Date | null) => (date ?? new Date()).toISOString();

export function eventPublishedFact(event: EventView): Fact<'event.published'> {
  return makeFact(Topics.eventPublished, {
    event_id: event.id,
    organizer_id: event.organizerId,
    title: event.title,
    starts_at: event.startsAt.toISOString(),
    ends_at: event.endsAt.toISOString(),
    venue: event.venue,
    published_at: iso(event.publishedAt),
  });
}

export function eventCancelledFact(event: EventView): Fact<'event.cancelled'> {
  return makeFact(Topics.eventCancelled, {
    event_id: event.id,
    organizer_id: event.organizerId,
    title: event.title,
    reason: event.cancellationReason,
    cancelled_at: iso(event.cancelledAt),
    starts_at: event.startsAt.toISOString(),
  });
}

/** The fact id is the reminder row's id: even a repeated write would collide, not duplicate. */
export function eventReminderFact(reminder: DueReminder): Fact<'event.reminder'> {
  return makeFact(
    Topics.eventReminder,
    {
      event_id: reminder.eventId,
      title: reminder.title,
      starts_at: reminder.startsAt.toISOString(),
      venue: reminder.venue,
      offset: reminder.offset,
      reminder_id: reminder.id,
    },
    { id: reminder.id },
  );
}
