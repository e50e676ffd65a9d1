import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const UpdateEventMutation = graphql(`
  mutation OrganizerUpdateEvent($id: ID!, $input: UpdateEventInput!) {
    updateEvent(id: $id, input: $input) {
      ...OrganizerEventFields
    }
  }
`);

/** Changes the fields sent: any while a draft, only description and venue once published. */
export const useUpdateEvent = () => useMutation(UpdateEventMutation);
