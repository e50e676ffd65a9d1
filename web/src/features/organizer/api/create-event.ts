import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const CreateEventMutation = graphql(`
  mutation OrganizerCreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) {
      ...OrganizerEventFields
    }
  }
`);

/** Creates a draft owned by the signed-in organizer. */
export const useCreateEvent = () => useMutation(CreateEventMutation);
