import type { DoorEventsQuery } from '@/__generated__/graphql';
import type { DoorApi } from './client';

const DoorEvents = /* GraphQL */ `
  query DoorEvents {
    myEvents(status: PUBLISHED) {
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
  }
`;

export type DoorEvent = DoorEventsQuery['myEvents'][number];

/** The signed-in organizer's published events: the ones a door can admit people to. */
export const myPublishedEvents = (api: DoorApi) => api.signedIn<DoorEventsQuery>(DoorEvents, {});
