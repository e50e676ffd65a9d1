import type { DoorValidateTicketMutation, DoorValidateTicketMutationVariables } from '@/__generated__/graphql';
import type { DoorApi } from './client';

const DoorValidateTicket = /* GraphQL */ `
  mutation DoorValidateTicket($code: String!, $eventId: ID!) {
    validateTicket(code: $code, eventId: $eventId) {
      valid
      reason
      ticket {
        id
        status
        checkedInAt
        attendeeName
        ticketType {
          name
        }
        owner {
          displayName
        }
      }
    }
  }
`;

/** What the server says about a code, without checking it in. */
export const validateTicket = (api: DoorApi, variables: DoorValidateTicketMutationVariables) =>
  api.signedIn<DoorValidateTicketMutation>(DoorValidateTicket, variables);
