import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { PaymentProvider } from '@/__generated__/graphql';
import { OrderQuery } from './order';

const CheckoutMutation = graphql(`
  mutation Checkout($orderId: ID!, $provider: PaymentProvider!) {
    checkout(orderId: $orderId, provider: $provider) {
      id
      provider
      status
      checkoutUrl
      instructions
    }
  }
`);

/** Only web addresses are followed: the link comes from our API, but a `javascript:` URL must never run. */
export function isWebAddress(url: string | null | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url, window.location.href);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Starts (or resumes) paying an order with a provider; the order is read again for its new payment. */
export function useCheckout(orderId: string) {
  const [checkout, { loading, error, reset }] = useMutation(CheckoutMutation, {
    refetchQueries: [{ query: OrderQuery, variables: { id: orderId } }],
  });
  const pay = async (provider: PaymentProvider) => {
    const { data } = await checkout({ variables: { orderId, provider } });
    return data?.checkout;
  };
  return { pay, loading, error, reset };
}
