import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const SetScheduleMutation = graphql(`
  mutation OrganizerSetSchedule($eventId: ID!, $items: [ScheduleItemInput!]!) {
    setSchedule(eventId: $eventId, items: $items) {
      ...OrganizerEventFields
    }
  }
`);

/** Replaces the whole programme; the order sent breaks ties between items that start together. */
export const useSetSchedule = () => useMutation(SetScheduleMutation);
