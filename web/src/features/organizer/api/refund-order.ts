import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const RefundOrderMutation = graphql(`
  mutation OrganizerRefundOrder($orderId: ID!, $ticketIds: [ID!], $reason: String) {
    refundOrder(orderId: $orderId, ticketIds: $ticketIds, reason: $reason) {
      ...OrganizerOrderFields
    }
  }
`);

/** Gives money back for the named tickets, or the whole order when none are named; the tickets are cancelled. */
export const useRefundOrder = () => useMutation(RefundOrderMutation);
