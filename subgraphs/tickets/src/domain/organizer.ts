import { AppError, ErrorCode, isUuid, type Viewer } from '@sbor/core';
import type { EventInfo, EventsClient } from '../clients/events.js';
import { checkEventTakesTicketTypes } from './rules.js';

const eventNotFound = () => new AppError(ErrorCode.NOT_FOUND, 'Event not found.', { field: 'eventId' });

/**
 * One of the viewer's own events, still open to changes (not cancelled, not over). A plain user is
 * refused by role (FORBIDDEN) before any lookup; another organizer's event, like one that does not
 * exist, is NOT_FOUND: the answer never says which.
 */
export async function ownOpenEvent(events: EventsClient, viewer: Viewer, eventId: string, now: Date = new Date()): Promise<EventInfo> {
  if (viewer.role !== 'ORGANIZER') throw new AppError(ErrorCode.FORBIDDEN, 'Only organizers can do this; become one first.');
  if (!isUuid(eventId)) throw eventNotFound();
  const event = await events.getEvent(eventId);
  if (!event || event.organizerId !== viewer.userId) throw eventNotFound();
  checkEventTakesTicketTypes(event, now);
  return event;
}
