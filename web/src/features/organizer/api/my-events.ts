import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { EventStatus } from '@/__generated__/graphql';

const MyEventsQuery = graphql(`
  query OrganizerMyEvents($status: EventStatus) {
    myEvents(status: $status) {
      id
      title
      status
      venue
      startsAt
      endsAt
      category {
        id
        name
      }
    }
  }
`);

/** The organizer's own events, in one status or all; asked again on every visit, so a new draft shows. */
export function useMyEvents(status: EventStatus | undefined) {
  return useQuery(MyEventsQuery, { variables: { status }, fetchPolicy: 'cache-and-network' });
}
