import type { DoorRevokedTicketsQuery } from '@/__generated__/graphql';
import type { RevocationPage } from '../offline/ticket-lists';
import type { DoorApi, Failure } from './client';

const DoorRevokedTickets = /* GraphQL */ `
  query DoorRevokedTickets($eventId: ID!, $after: String) {
    revokedTickets(eventId: $eventId, after: $after) {
      revoked {
        ticketId
        code
      }
      cursor
      complete
    }
  }
`;

/** A page of the revocation list that did not come: the device keeps what it had. */
export class RevocationsUnavailable extends Error {
  constructor(readonly failure: Failure) {
    super(`revokedTickets failed: ${failure.kind === 'api' ? failure.code : failure.kind}`);
  }
}

/**
 * One page of the event's revocation list, as the signed-in organizer or door staff member (anyone
 * else is refused `NOT_FOUND`). `after` is the previous page's cursor.
 */
export async function revokedTickets(api: DoorApi, eventId: string, after: string | null): Promise<RevocationPage> {
  const answer = await api.signedIn<DoorRevokedTicketsQuery>(DoorRevokedTickets, { eventId, after });
  if (!answer.ok) throw new RevocationsUnavailable(answer.failure);
  return answer.data.revokedTickets;
}
