import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { EventFilter } from '@/__generated__/graphql';

export const PAGE_SIZE = 12;

export const EventsQuery = graphql(`
  query Events($filter: EventFilter, $first: Int, $after: String) {
    events(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          title
          venue
          startsAt
          endsAt
          category {
            id
            name
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** Published events matching `filter`, a page at a time; `loadMore` appends the next page. */
export function useEventList(filter: EventFilter | undefined) {
  const { data, loading, error, fetchMore, refetch } = useQuery(EventsQuery, {
    variables: { filter, first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.events;
  const loadMore = () =>
    fetchMore({
      variables: { after: connection?.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        events: {
          ...fetchMoreResult.events,
          edges: [...previous.events.edges, ...fetchMoreResult.events.edges],
        },
      }),
    });
  return {
    events: connection?.edges.map((edge) => edge.node),
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loading,
    error,
    loadMore,
    retry: () => refetch(),
  };
}
