import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { OrganizerDoorQuery } from '@/__generated__/graphql';

const DoorQuery = graphql(`
  query OrganizerDoor($eventId: ID!, $first: Int!, $after: String) {
    event(id: $eventId) {
      id
      doorStaff {
        email
        addedAt
        user {
          id
          displayName
        }
      }
      checkIns(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            action
            result
            accepted
            scannedAt
            scannedBy {
              id
              displayName
            }
            ticket {
              id
              attendeeName
              ticketType {
                id
                name
              }
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

const AddDoorStaffMutation = graphql(`
  mutation OrganizerAddDoorStaff($eventId: ID!, $email: String!) {
    addDoorStaff(eventId: $eventId, email: $email) {
      email
      user {
        id
        displayName
      }
    }
  }
`);

const RemoveDoorStaffMutation = graphql(`
  mutation OrganizerRemoveDoorStaff($eventId: ID!, $userId: ID!) {
    removeDoorStaff(eventId: $eventId, userId: $userId)
  }
`);

/** Entries shown at first, and added by each "Show more" (the API allows up to 100 in one page). */
export const SCAN_LOG_PAGE = 20;
export const SCAN_LOG_MAX = 100;

export type OrganizerDoor = NonNullable<OrganizerDoorQuery['event']>;
export type ScanLogEntry = OrganizerDoor['checkIns']['edges'][number]['node'];

/** Door staff and the newest `first` entries of the scan log. */
export const useDoor = (eventId: string, first: number) =>
  useQuery(DoorQuery, { variables: { eventId, first }, fetchPolicy: 'cache-and-network', pollInterval: 15_000 });

/** Names and removals change the staff list: the door query is read again after each. */
export const useAddDoorStaff = () => useMutation(AddDoorStaffMutation, { refetchQueries: ['OrganizerDoor'] });
export const useRemoveDoorStaff = () => useMutation(RemoveDoorStaffMutation, { refetchQueries: ['OrganizerDoor'] });
