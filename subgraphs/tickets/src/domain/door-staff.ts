import { z } from 'zod';
import { AppError, ErrorCode, badInput, forbidden, isUuid, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import type { UsersClient } from '../clients/users.js';
import type { DoorRepository, DoorStaffRow } from './door-repository.js';

/** `addDoorStaff`'s input: an address, trimmed and lower-cased as the users service stores it. */
export const doorStaffInput = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'Email must be at most 254 characters.')
    .toLowerCase()
    .pipe(z.email({ message: 'Email must be a valid address, e.g. ann@example.com.' })),
});

const eventNotFound = () => new AppError(ErrorCode.NOT_FOUND, 'Event not found.', { field: 'eventId' });

/** Only organizers run events; a USER is told what would let them, before anything is looked up. */
function requireOrganizerRole(viewer: Viewer): Viewer {
  if (viewer.role !== 'ORGANIZER') {
    throw forbidden('Only organizers can name door staff. Become one with Mutation.becomeOrganizer, then use the new access token.');
  }
  return viewer;
}

/**
 * Door staff: users an organizer names, by the email they signed up with, to validate, check in
 * and undo check-ins at one of their events. Someone else's event answers NOT_FOUND.
 */
export class DoorStaffing {
  constructor(
    private readonly door: DoorRepository,
    private readonly events: EventsClient,
    private readonly users: UsersClient,
  ) {}

  /** `email` already normalised (trimmed, lower-cased). Naming someone twice returns the first naming. */
  async add(viewer: Viewer, eventId: string, email: string): Promise<DoorStaffRow> {
    const organizer = requireOrganizerRole(viewer);
    const event = await this.ownEvent(organizer, eventId);
    if (event.status === 'CANCELLED') throw new AppError(ErrorCode.EVENT_CANCELLED, 'This event has been cancelled.');
    if (event.status === 'COMPLETED' || event.endsAt.getTime() <= Date.now()) {
      throw new AppError(ErrorCode.EVENT_COMPLETED, 'This event is over.');
    }
    const user = await this.users.byEmail(email);
    if (!user) throw new AppError(ErrorCode.NOT_FOUND, 'No Sbor account uses this email. Ask them to sign up first.', { field: 'email' });
    if (user.id === organizer.userId) throw badInput('You organize this event, so you can already scan its tickets.', 'email');
    return this.door.addStaff({ eventId: event.id, userId: user.id, organizerId: organizer.userId, email });
  }

  /** True when they were staff and are not any more; false when they were not staff of this (your) event. */
  async remove(viewer: Viewer, eventId: string, userId: string): Promise<boolean> {
    const organizer = requireOrganizerRole(viewer);
    if (!isUuid(eventId)) throw eventNotFound();
    if (isUuid(userId) && (await this.door.removeStaff(eventId, userId, organizer.userId))) return true;
    await this.ownEvent(organizer, eventId);
    return false;
  }

  /** `Event.doorStaff`: the organizer's list; empty for anyone else. */
  ofEvent(viewer: Viewer | null, eventId: string): Promise<DoorStaffRow[]> {
    return this.ofEvents(viewer, [eventId]);
  }

  /** `ofEvent` of a page of events, in one query: the staff of those the viewer organizes. */
  async ofEvents(viewer: Viewer | null, eventIds: readonly string[]): Promise<DoorStaffRow[]> {
    const wanted = eventIds.filter(isUuid);
    if (!viewer || wanted.length === 0) return [];
    return this.door.staffOfEvents(wanted, viewer.userId);
  }

  /**
   * `Query.myDoorEvents`: the events whose door the viewer was named to, most recently named first;
   * none without a token. Drafts (and events the events service no longer knows) are left out: only
   * a draft's organizer may read it, so the router could not resolve one for its staff, and one such
   * event would null the whole list.
   */
  async eventsOf(viewer: Viewer | null): Promise<{ id: string }[]> {
    if (!viewer) return [];
    const ids = await this.door.staffedBy(viewer.userId);
    const events = await Promise.all(ids.map((id) => this.events.getEvent(id)));
    return events.filter((event) => event !== null && event.status !== 'DRAFT').map((event) => ({ id: event!.id }));
  }

  private async ownEvent(organizer: Viewer, eventId: string) {
    const event = isUuid(eventId) ? await this.events.getEvent(eventId) : null;
    if (!event || event.organizerId !== organizer.userId) throw eventNotFound();
    return event;
  }
}
