import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { OrganizerEventFieldsFragment } from '@/__generated__/graphql';

/** What the event's management pages show; every mutation on the event answers with it, so the cache stays whole. */
export const OrganizerEventFields = graphql(`
  fragment OrganizerEventFields on Event {
    id
    title
    description
    venue
    startsAt
    endsAt
    status
    publishedAt
    cancelledAt
    cancellationReason
    organizer {
      id
    }
    category {
      id
      name
    }
    schedule {
      id
      title
      startsAt
      endsAt
      speaker
      location
    }
    ticketTypes {
      id
      name
      priceCents
      currency
      quantity
      sold
      held
      available
      maxPerUser
      hidden
      salesStart
      salesEnd
    }
  }
`);

const OrganizerEventQuery = graphql(`
  query OrganizerEvent($id: ID!) {
    event(id: $id) {
      ...OrganizerEventFields
    }
  }
`);

export type OrganizerEvent = OrganizerEventFieldsFragment;
export type OrganizerTicketType = OrganizerEvent['ticketTypes'][number];
export type OrganizerScheduleItem = OrganizerEvent['schedule'][number];

/** One event for its management pages; the layout asks, the sections read the same cache entry. */
export function useOrganizerEvent(id: string) {
  return useQuery(OrganizerEventQuery, { variables: { id }, fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' });
}

/** Only drafts change freely; a published event keeps its title, category and dates (the API says so too). */
export const EDITABLE_WHEN_PUBLISHED = ['description', 'venue'] as const;

export const isOpen = (event: Pick<OrganizerEvent, 'status'>) => event.status === 'DRAFT' || event.status === 'PUBLISHED';
