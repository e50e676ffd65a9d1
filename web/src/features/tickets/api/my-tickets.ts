import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { graphql } from '@/__generated__';
import type { MyTicketsQuery as MyTicketsAnswer } from '@/__generated__/graphql';
import { readOfflineCopy, saveOfflineCopy, type OfflineCopy } from '@/lib/offline/offline-copy';

const MyTicketsQuery = graphql(`
  query MyTickets {
    me {
      id
      tickets {
        id
        code
        status
        qrCodeSvg
        purchasedAt
        checkedInAt
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
        event {
          id
          title
          startsAt
          endsAt
          venue
        }
      }
    }
  }
`);

export type MyTicket = NonNullable<MyTicketsAnswer['me']>['tickets'][number];

const KIND = 'tickets';

/**
 * The signed-in person's tickets, fresh from the API when it answers, and otherwise the last answer
 * this device saw for them (`offline` says when it was saved), so a ticket shows with no signal.
 */
export function useMyTickets(userId: string) {
  const { data, loading, error, refetch } = useQuery(MyTicketsQuery, { fetchPolicy: 'cache-and-network', errorPolicy: 'none' });
  const fresh = !error ? data?.me?.tickets : undefined;

  useEffect(() => {
    if (fresh) saveOfflineCopy(KIND, userId, fresh);
  }, [fresh, userId]);

  // Back online: ask again rather than keep showing the copy.
  useEffect(() => {
    const again = () => void refetch().catch(() => undefined);
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [refetch]);

  const copy: OfflineCopy<MyTicket[]> | undefined = error ? readOfflineCopy<MyTicket[]>(KIND, userId) : undefined;
  return {
    tickets: fresh ?? copy?.value,
    /** When set, the tickets shown are the copy saved then, because the API could not be reached. */
    offlineSince: copy?.savedAt,
    loading,
    error,
    retry: () => refetch(),
  };
}
