import type { DoorUndoCheckInMutation } from '@/__generated__/graphql';
import type { DoorApi } from './client';

const DoorUndoCheckIn = /* GraphQL */ `
  mutation DoorUndoCheckIn($ticketId: ID!) {
    undoCheckIn(ticketId: $ticketId) {
      id
      status
    }
  }
`;

/** Takes a check-in back (the wrong ticket of a group was scanned): online only, the server decides. */
export const undoCheckIn = (api: DoorApi, ticketId: string) => api.signedIn<DoorUndoCheckInMutation>(DoorUndoCheckIn, { ticketId });
