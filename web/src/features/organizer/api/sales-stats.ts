import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const SalesStatsQuery = graphql(`
  query OrganizerSalesStats($id: ID!) {
    event(id: $id) {
      id
      salesStats {
        totalSold
        held
        paid
        refunded
        checkedIn
        cancelled
        revenue {
          amountCents
          currency
        }
        byType {
          ticketType {
            id
            name
            priceCents
            currency
            quantity
            available
          }
          sold
          held
          paid
          refunded
          cancelled
          checkedIn
          revenueCents
          currency
        }
      }
    }
  }
`);

/** How often the sales view asks again while it is open (a live subscription comes with a later issue). */
export const SALES_REFRESH_MS = 4_000;

/** The event's sales, asked again every few seconds while the page is open. */
export function useSalesStats(eventId: string) {
  return useQuery(SalesStatsQuery, {
    variables: { id: eventId },
    pollInterval: SALES_REFRESH_MS,
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'network-only',
  });
}
