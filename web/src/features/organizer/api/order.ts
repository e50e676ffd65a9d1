import { useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { OrganizerOrderFieldsFragment } from '@/__generated__/graphql';

/** An order as its detail page shows it; refund and mark-paid answer with the same fields. */
export const OrganizerOrderFields = graphql(`
  fragment OrganizerOrderFields on Order {
    id
    number
    status
    createdAt
    expiresAt
    totalCents
    currency
    event {
      id
    }
    buyer {
      id
      displayName
      email
    }
    lines {
      ticketType {
        id
        name
      }
      quantity
      unitPriceCents
      discountCents
    }
    payment {
      id
      provider
      status
      amountCents
      instructions
      createdAt
    }
    tickets {
      id
      status
      checkedInAt
      attendeeName
      answers {
        questionId
        label
        kind
        value
      }
      ticketType {
        id
        name
      }
    }
    refunds {
      id
      amountCents
      reason
      status
      createdAt
      tickets {
        id
      }
    }
  }
`);

const OrderQuery = graphql(`
  query OrganizerOrder($id: ID!) {
    order(id: $id) {
      ...OrganizerOrderFields
    }
  }
`);

export type OrganizerOrder = OrganizerOrderFieldsFragment;

export function useOrder(id: string) {
  return useQuery(OrderQuery, { variables: { id }, fetchPolicy: 'cache-and-network' });
}
