import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { OrderStatus } from '@/__generated__/graphql';

const EventOrdersQuery = graphql(`
  query OrganizerEventOrders($eventId: ID!, $status: OrderStatus, $first: Int, $after: String) {
    event(id: $eventId) {
      id
      orders(status: $status, first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            number
            status
            totalCents
            currency
            createdAt
            buyer {
              id
              displayName
            }
            lines {
              quantity
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const ORDERS_PAGE_SIZE = 20;

/** One page of the event's orders, newest first; asked again on each visit so new orders show. */
export function useEventOrders(eventId: string, status: OrderStatus | undefined, after: string | undefined) {
  return useQuery(EventOrdersQuery, {
    variables: { eventId, status, first: ORDERS_PAGE_SIZE, after },
    fetchPolicy: 'cache-and-network',
  });
}
