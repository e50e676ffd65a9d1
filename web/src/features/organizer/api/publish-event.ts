import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const PublishEventMutation = graphql(`
  mutation OrganizerPublishEvent($id: ID!) {
    publishEvent(id: $id) {
      ...OrganizerEventFields
    }
  }
`);

/** DRAFT → PUBLISHED: listed, and its tickets on sale. */
export const usePublishEvent = () => useMutation(PublishEventMutation);
