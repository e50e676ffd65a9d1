import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { MyWaitingListQuery } from '@/__generated__/graphql';

graphql(`
  fragment WaitingListEntryFields on WaitingListEntry {
    id
    quantity
    position
    status
    offerExpiresAt
    createdAt
    order {
      id
      number
    }
    ticketType {
      id
      name
      event {
        id
        title
        startsAt
      }
    }
  }
`);

const MyWaitingListQueryDoc = graphql(`
  query MyWaitingList {
    myWaitingList {
      ...WaitingListEntryFields
    }
  }
`);

const JoinWaitingListMutation = graphql(`
  mutation JoinWaitingList($ticketTypeId: ID!, $quantity: Int!) {
    joinWaitingList(ticketTypeId: $ticketTypeId, quantity: $quantity) {
      ...WaitingListEntryFields
    }
  }
`);

const LeaveWaitingListMutation = graphql(`
  mutation LeaveWaitingList($id: ID!) {
    leaveWaitingList(id: $id) {
      ...WaitingListEntryFields
    }
  }
`);

export type WaitingListEntry = MyWaitingListQuery['myWaitingList'][number];

/** The signed-in user's entries, newest first; asked again every 30 s so a position moves up by itself. */
export const useMyWaitingList = (skip = false) =>
  useQuery(MyWaitingListQueryDoc, { skip, fetchPolicy: 'cache-and-network', pollInterval: 30_000 });

export const useJoinWaitingList = () => useMutation(JoinWaitingListMutation, { refetchQueries: ['MyWaitingList'] });
export const useLeaveWaitingList = () => useMutation(LeaveWaitingListMutation, { refetchQueries: ['MyWaitingList'] });
