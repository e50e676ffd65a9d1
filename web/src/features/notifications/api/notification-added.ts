import { useSubscription } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { graphql } from '@/__generated__';
import { RECENT, RecentNotificationsQuery, UnreadCountQuery, type NotificationItem } from './notifications';

export const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      ...NotificationFields
    }
  }
`);

/** Kinds that mean the person's tickets or orders changed. */
const TICKET_CHANGES = new Set([
  'ORDER_PAID',
  'ORDER_EXPIRED',
  'REFUND_ISSUED',
  'EVENT_CANCELLED',
  'TICKET_CHECKED_IN',
  'WAITING_LIST_OFFER',
]);
/** The attendee pages' queries of tickets and orders (features/tickets, features/checkout). */
const READS_OF_TICKETS = new Set(['MyTickets', 'OrderDetails', 'MyOrders', 'MyWaitingList']);

/**
 * New notifications, live over graphql-ws: each bumps the unread count and goes to the top of the
 * cached list, once however often it arrives, and `onNew` hears of it (to announce it).
 */
export function useLiveNotifications(onNew: (notification: NotificationItem) => void) {
  const seen = useRef(new Set<string>());
  const listener = useRef(onNew);
  useEffect(() => {
    listener.current = onNew;
  }, [onNew]);

  useSubscription(NotificationAddedSubscription, {
    onData: ({ client, data }) => {
      const added = data.data?.notificationAdded;
      if (!added || seen.current.has(added.id)) return;
      seen.current.add(added.id);
      const cache = client.cache;
      let listed = false;
      cache.updateQuery({ query: RecentNotificationsQuery, variables: { first: RECENT } }, (list) => {
        if (!list) return list;
        listed = list.notifications.edges.some((edge) => edge.node.id === added.id);
        if (listed) return list;
        const edges = [{ __typename: 'NotificationEdge' as const, node: added }, ...list.notifications.edges].slice(0, RECENT);
        return { notifications: { ...list.notifications, edges } };
      });
      if (!listed && !added.read) {
        cache.updateQuery({ query: UnreadCountQuery }, (count) => (count ? { unreadCount: count.unreadCount + 1 } : count));
      }
      if (TICKET_CHANGES.has(added.type)) {
        // Other pages that may be open show tickets and orders: read them again. By operation
        // name, since features do not import each other.
        void client.refetchQueries({ include: 'active', onQueryUpdated: (query) => READS_OF_TICKETS.has(query.queryName ?? '') });
      }
      listener.current(added);
    },
  });
}
