import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const CancelOrderMutation = graphql(`
  mutation CancelOrder($orderId: ID!) {
    cancelOrder(orderId: $orderId) {
      id
      status
      expiresAt
      payment {
        id
        status
      }
    }
  }
`);

/** Lets go of a RESERVED order's tickets; the cached order takes the new status from the answer. */
export function useCancelOrder(orderId: string) {
  const [cancel, { loading, error, reset }] = useMutation(CancelOrderMutation, { variables: { orderId } });
  return { cancel: async () => Boolean((await cancel()).data), loading, error, reset };
}
