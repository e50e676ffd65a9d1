import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { NotificationFieldsFragment } from '@/__generated__/graphql';

export const NotificationFields = graphql(`
  fragment NotificationFields on Notification {
    id
    type
    title
    body
    read
    createdAt
    event {
      id
      title
    }
    ticket {
      id
      order {
        id
      }
    }
  }
`);

export type NotificationItem = NotificationFieldsFragment;

/** How many the bell's list shows: the most recent ones. */
export const RECENT = 10;

export const UnreadCountQuery = graphql(`
  query UnreadCount {
    unreadCount
  }
`);

export const RecentNotificationsQuery = graphql(`
  query RecentNotifications($first: Int!) {
    notifications(first: $first) {
      edges {
        node {
          ...NotificationFields
        }
      }
    }
  }
`);

const MarkReadMutation = graphql(`
  mutation MarkNotificationRead($id: ID!) {
    markNotificationRead(id: $id) {
      id
      read
    }
  }
`);

const MarkAllReadMutation = graphql(`
  mutation MarkAllNotificationsRead {
    markAllNotificationsRead
  }
`);

/** The unread count; checked again every minute in case a live message was missed (a reconnect). */
export function useUnreadCount(): number {
  const { data } = useQuery(UnreadCountQuery, { pollInterval: 60_000 });
  return data?.unreadCount ?? 0;
}

export function useRecentNotifications(skip: boolean) {
  const { data, loading, error } = useQuery(RecentNotificationsQuery, {
    variables: { first: RECENT },
    skip,
    fetchPolicy: 'cache-and-network',
  });
  return { notifications: data?.notifications.edges.map((edge) => edge.node), loading, error };
}

/** Marks one read; the cached notification and the count follow at once. */
export function useMarkRead() {
  const [mark, { error }] = useMutation(MarkReadMutation);
  const markRead = (notification: Pick<NotificationItem, 'id' | 'read'>) => {
    if (notification.read) return Promise.resolve();
    return mark({
      variables: { id: notification.id },
      update: (cache, { data }) => {
        if (!data) return;
        cache.updateQuery({ query: UnreadCountQuery }, (count) => (count ? { unreadCount: Math.max(0, count.unreadCount - 1) } : count));
      },
    }).then(() => undefined);
  };
  return { markRead, error };
}

/** Marks every notification read: the count drops to 0 and each cached one reads as read. */
export function useMarkAllRead() {
  const [markAll, { loading, error }] = useMutation(MarkAllReadMutation, {
    update: (cache) => {
      cache.writeQuery({ query: UnreadCountQuery, data: { unreadCount: 0 } });
      cache.updateQuery({ query: RecentNotificationsQuery, variables: { first: RECENT } }, (list) =>
        list
          ? {
              notifications: {
                ...list.notifications,
                edges: list.notifications.edges.map((edge) => ({ ...edge, node: { ...edge.node, read: true } })),
              },
            }
          : list,
      );
    },
  });
  return { markAllRead: () => markAll().then(() => undefined), loading, error };
}
