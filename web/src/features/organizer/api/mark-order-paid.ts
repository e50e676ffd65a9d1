import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const MarkOrderPaidMutation = graphql(`
  mutation OrganizerMarkOrderPaid($orderId: ID!) {
    markOrderPaid(orderId: $orderId) {
      ...OrganizerOrderFields
    }
  }
`);

/** Confirms an OFFLINE payment (a transfer arrived, cash at the door): the order's tickets are issued. */
export const useMarkOrderPaid = () => useMutation(MarkOrderPaidMutation);
