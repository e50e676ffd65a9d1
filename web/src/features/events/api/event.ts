import { useQuery, useSubscription } from '@apollo/client/react';
import { graphql } from '@/__generated__';

export const EventQuery = graphql(`
  query EventDetails($id: ID!) {
    event(id: $id) {
      id
      title
      description
      venue
      startsAt
      endsAt
      status
      cancellationReason
      category {
        id
        name
      }
      organizer {
        id
        displayName
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
        available
        maxPerUser
        salesStart
        salesEnd
      }
      questions {
        id
        label
        kind
        required
        options
      }
    }
  }
`);

/** Only what changes during a rush; the answer updates the same TicketType objects in the cache. */
const AvailabilityQuery = graphql(`
  query EventAvailability($id: ID!) {
    event(id: $id) {
      id
      ticketTypes {
        id
        available
      }
    }
  }
`);

/**
 * What is left of each listed type, live: the current values first, then every change (coalesced
 * by the server to a few a second). Each answer updates the same TicketType objects in the cache.
 */
const AvailabilitySubscription = graphql(`
  subscription EventAvailabilityChanged($eventId: ID!) {
    ticketAvailabilityChanged(eventId: $eventId) {
      id
      available
    }
  }
`);

/** How often the page asks again how many tickets are left when the live stream is not there. */
export const AVAILABILITY_POLL_MS = 5_000;

export function useEvent(id: string) {
  const { data, loading, error, refetch } = useQuery(EventQuery, { variables: { id } });
  const onSale = data?.event?.status === 'PUBLISHED';
  const live = useSubscription(AvailabilitySubscription, { variables: { eventId: id }, skip: !onSale });
  // Polling only stands in when the live stream failed (a proxy that drops websockets, say).
  const polling = onSale && live.error !== undefined;
  const availability = useQuery(AvailabilityQuery, {
    variables: { id },
    pollInterval: polling ? AVAILABILITY_POLL_MS : 0,
    // A hidden tab does not need fresh numbers; polling resumes when it is shown again.
    skipPollAttempt: () => document.visibilityState === 'hidden',
    skip: !data?.event,
    // Read once when asked (after a refusal for lack of stock), and every few seconds while polling.
    fetchPolicy: 'network-only',
  });
  return {
    event: data?.event,
    loading,
    error,
    retry: () => refetch(),
    refreshAvailability: () => availability.refetch(),
  };
}

/** The event's ticket types as a voucher code shows them: the hidden types it unlocks come after the listed ones. */
const VoucherTicketTypesQuery = graphql(`
  query EventTicketTypesForVoucher($id: ID!, $voucherCode: String!) {
    event(id: $id) {
      id
      ticketTypes(voucherCode: $voucherCode) {
        id
        name
        priceCents
        currency
        available
        maxPerUser
        salesStart
        salesEnd
      }
    }
  }
`);

/** Asked once a buyer applies a code; undefined until then. */
export function useVoucherTicketTypes(id: string, voucherCode: string | undefined) {
  const { data, loading } = useQuery(VoucherTicketTypesQuery, {
    variables: { id, voucherCode: voucherCode ?? '' },
    skip: !voucherCode,
    fetchPolicy: 'network-only',
  });
  return { types: voucherCode ? data?.event?.ticketTypes : undefined, loading };
}
