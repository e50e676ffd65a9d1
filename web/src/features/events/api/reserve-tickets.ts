import { useMutation } from '@apollo/client/react';
import { useRef } from 'react';
import { graphql } from '@/__generated__';
import type { AttendeeInput, OrderItemInput } from '@/__generated__/graphql';
import { randomId } from '@/lib/id/random-id';

const ReserveTicketsMutation = graphql(`
  mutation ReserveTickets($input: OrderInput!) {
    reserveTickets(input: $input) {
      id
      status
      expiresAt
    }
  }
`);

/**
 * Holds the chosen tickets in an order. The idempotency key belongs to one attempt: sending the
 * same choice again (a retry after a lost answer) reuses it, so the server returns the first order
 * instead of holding a second set; a different choice (attendees and their answers included), or a
 * new attempt after success, gets a new key.
 */
export function useReserveTickets() {
  const [reserve, { loading, error, reset }] = useMutation(ReserveTicketsMutation);
  const attempt = useRef<{ key: string; choice: string } | undefined>(undefined);
  const submit = async (eventId: string, items: OrderItemInput[], voucherCode?: string, attendees?: AttendeeInput[]) => {
    const choice = JSON.stringify([eventId, items, voucherCode ?? null, attendees ?? null]);
    if (attempt.current?.choice !== choice) attempt.current = { key: randomId(), choice };
    const { data } = await reserve({
      variables: {
        input: { eventId, items, voucherCode: voucherCode || null, attendees: attendees ?? null, idempotencyKey: attempt.current.key },
      },
    });
    if (data) attempt.current = undefined;
    return data?.reserveTickets;
  };
  return { submit, loading, error, reset };
}
