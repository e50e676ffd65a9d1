import type { DoorCheckInTicketMutation } from '@/__generated__/graphql';
import type { CheckInEntry, Refusal, SendOutcome } from '../offline/check-in-queue';
import type { DoorApi, Failure } from './client';

const DoorCheckInTicket = /* GraphQL */ `
  mutation DoorCheckInTicket($code: String!, $eventId: ID!) {
    checkInTicket(code: $code, eventId: $eventId) {
      id
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
`;

/** The queue's way to the server: one `checkInTicket`, its answer as the queue reads it. */
export function checkInSender(api: DoorApi) {
  return async function send(entry: CheckInEntry): Promise<SendOutcome> {
    const answer = await api.signedIn<DoorCheckInTicketMutation>(DoorCheckInTicket, { code: entry.code, eventId: entry.eventId });
    if (answer.ok) {
      const ticket = answer.data.checkInTicket;
      return {
        kind: 'checked-in',
        ticket: {
          ticketId: ticket.id,
          typeName: ticket.ticketType.name,
          ownerName: ticket.owner.displayName,
          ...(ticket.attendeeName ? { attendeeName: ticket.attendeeName } : {}),
          checkedInAt: ticket.checkedInAt ?? undefined,
        },
      };
    }
    return outcomeOf(answer.failure);
  };
}

function outcomeOf(failure: Failure): SendOutcome {
  if (failure.kind === 'signed-out') return { kind: 'not-sent' };
  if (failure.kind !== 'api') return { kind: 'no-answer' };
  // Only the refusal the schema names: any other bad input means this app and the API disagree.
  const refusal =
    failure.code === 'BAD_USER_INPUT'
      ? failure.extensions.reason === 'WRONG_EVENT'
        ? 'WRONG_EVENT'
        : 'NOT_FOUND'
      : REFUSALS[failure.code];
  if (!refusal) return { kind: 'no-answer' }; // rate limited, a service down…: try again later
  const checkedInAt = typeof failure.extensions.checkedInAt === 'string' ? failure.extensions.checkedInAt : undefined;
  return { kind: 'refused', reason: refusal, checkedInAt };
}

/**
 * `checkInTicket`'s refusals (schema/supergraph.graphql). A ticket of another event comes back as
 * BAD_USER_INPUT with `reason: WRONG_EVENT` (read above); an unreadable code reads NOT_FOUND.
 */
const REFUSALS: Record<string, Refusal> = {
  TICKET_ALREADY_USED: 'USED',
  TICKET_CANCELLED: 'CANCELLED',
  NOT_FOUND: 'NOT_FOUND',
  EVENT_COMPLETED: 'EXPIRED',
  FORBIDDEN: 'NOT_ALLOWED',
};
