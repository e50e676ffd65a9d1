import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';

export const ORDERS_PAGE_SIZE = 20;

const MyOrdersQuery = graphql(`
  query MyOrders($first: Int, $after: String) {
    myOrders(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          number
          status
          totalCents
          currency
          createdAt
          lines {
            quantity
          }
          event {
            id
            title
            startsAt
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

/** The signed-in person's orders, newest first, a page at a time. */
export function useMyOrders() {
  const { data, loading, error, fetchMore, refetch } = useQuery(MyOrdersQuery, {
    variables: { first: ORDERS_PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const connection = data?.myOrders;
  const loadMore = () =>
    fetchMore({
      variables: { after: connection?.pageInfo.endCursor },
      updateQuery: (previous, { fetchMoreResult }) => ({
        myOrders: { ...fetchMoreResult.myOrders, edges: [...previous.myOrders.edges, ...fetchMoreResult.myOrders.edges] },
      }),
    });
  return {
    orders: connection?.edges.map((edge) => edge.node),
    hasMore: connection?.pageInfo.hasNextPage ?? false,
    loading,
    error,
    loadMore,
    retry: () => refetch(),
  };
}
