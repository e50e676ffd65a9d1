import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const CancelEventMutation = graphql(`
  mutation OrganizerCancelEvent($id: ID!, $reason: String) {
    cancelEvent(id: $id, reason: $reason) {
      ...OrganizerEventFields
    }
  }
`);

/** PUBLISHED → CANCELLED: its tickets are cancelled, paid orders refunded, holders told. */
export const useCancelEvent = () => useMutation(CancelEventMutation);
