import { describe, expect, it } from 'vitest';
import type { DoorEventsQuery } from '@/__generated__/graphql';
import { scannableEvents } from './my-events';

type Staffed = DoorEventsQuery['myDoorEvents'][number];
const event = (id: string) => ({
  id,
  title: `Event ${id}`,
  venue: 'Hall',
  startsAt: '2026-05-01T18:00:00Z',
  endsAt: '2026-05-01T21:00:00Z',
  ticketTypes: [],
});
const staffed = (id: string, status: Staffed['status']): Staffed => ({ ...event(id), status });

describe('scannableEvents (the door’s event list)', () => {
  it('lists the organizer’s own events, then the published events they staff, each once', () => {
    const list = scannableEvents({
      myEvents: [event('own')],
      myDoorEvents: [staffed('door', 'PUBLISHED'), staffed('own', 'PUBLISHED')],
    });
    expect(list.map((e) => e.id)).toEqual(['own', 'door']);
  });

  it('never offers a staffed event that is not published: cancelled and completed ones cannot be scanned', () => {
    const list = scannableEvents({
      myDoorEvents: [staffed('cancelled', 'CANCELLED'), staffed('over', 'COMPLETED'), staffed('tonight', 'PUBLISHED')],
    });
    expect(list.map((e) => e.id)).toEqual(['tonight']);
    expect(list[0]).not.toHaveProperty('status');
  });
});
