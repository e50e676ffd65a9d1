import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { graphql } from '@/__generated__';
import type { OrderDetailsQuery } from '@/__generated__/graphql';
import { isWaiting } from '../order-status';

export const OrderQuery = graphql(`
  query OrderDetails($id: ID!) {
    order(id: $id) {
      id
      number
      status
      totalCents
      currency
      expiresAt
      createdAt
      event {
        id
        title
        venue
        startsAt
        endsAt
      }
      lines {
        quantity
        unitPriceCents
        discountCents
        ticketType {
          id
          name
        }
      }
      payment {
        id
        provider
        status
        checkoutUrl
        instructions
      }
      tickets {
        id
        code
        status
        qrCodeSvg
        attendeeName
        answers {
          questionId
          label
          kind
          value
        }
        ticketType {
          id
          name
        }
      }
      refunds {
        id
        amountCents
        reason
        status
        createdAt
        tickets {
          id
          code
        }
      }
    }
  }
`);

export type Order = NonNullable<OrderDetailsQuery['order']>;

/** How often an order that is waiting for something (a payment, the end of its hold) is read again. */
export const WAITING_POLL_MS = 3_000;

/**
 * The order, read again when the person comes back to the tab (from the sandbox checkout, say, or
 * through the back button's page cache), and every few seconds while it waits on a payment.
 */
export function useOrder(id: string) {
  const query = useQuery(OrderQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const { refetch, startPolling, stopPolling } = query;
  const order = query.data?.order;

  useEffect(() => {
    if (!order) return;
    if (isWaiting(order, Date.now())) {
      startPolling(WAITING_POLL_MS);
      return () => stopPolling();
    }
    stopPolling();
    if (order.status !== 'RESERVED' || !order.expiresAt) return;
    // Once the hold ends, the server settles it within moments: ask until it has.
    const timer = setTimeout(() => startPolling(WAITING_POLL_MS), Math.min(Date.parse(order.expiresAt) - Date.now() + 500, 2 ** 31 - 1));
    return () => {
      clearTimeout(timer);
      stopPolling();
    };
  }, [order, startPolling, stopPolling]);

  useEffect(() => {
    const again = () => {
      if (document.visibilityState === 'visible') void refetch().catch(() => undefined);
    };
    const restored = (event: PageTransitionEvent) => {
      if (event.persisted) again();
    };
    document.addEventListener('visibilitychange', again);
    window.addEventListener('focus', again);
    window.addEventListener('pageshow', restored);
    return () => {
      document.removeEventListener('visibilitychange', again);
      window.removeEventListener('focus', again);
      window.removeEventListener('pageshow', restored);
    };
  }, [refetch]);

  return { order, loading: query.loading, error: query.error, refetch: () => refetch() };
}
