import type { DoorEventsQuery } from '@/__generated__/graphql';
import type { Answer, DoorApi } from './client';

/** `myEvents` answers FORBIDDEN to a USER, so it is asked only of organizers; door staff may be either. */
const DoorEvents = /* GraphQL */ `
  query DoorEvents($organizer: Boolean!) {
    myEvents(status: PUBLISHED) @include(if: $organizer) {
      id
      title
      venue
      startsAt
      endsAt
      ticketTypes {
        id
        name
      }
    }
    myDoorEvents {
      id
      title
      venue
      startsAt
      endsAt
      status
      ticketTypes {
        id
        name
      }
    }
  }
`;

export type DoorEvent = NonNullable<DoorEventsQuery['myEvents']>[number];

/**
 * The events a door can admit people to: the organizer's own published ones, then the published
 * ones the user was named staff of, each once.
 */
export function scannableEvents(data: DoorEventsQuery): DoorEvent[] {
  const own = data.myEvents ?? [];
  const seen = new Set(own.map((event) => event.id));
  const staffed = data.myDoorEvents
    .filter((event) => event.status === 'PUBLISHED' && !seen.has(event.id))
    .map(({ status: _status, ...event }) => event);
  return [...own, ...staffed];
}

export async function doorEvents(api: DoorApi, organizer: boolean): Promise<Answer<DoorEvent[]>> {
  const answer = await api.signedIn<DoorEventsQuery>(DoorEvents, { organizer });
  return answer.ok ? { ok: true, data: scannableEvents(answer.data) } : answer;
}
