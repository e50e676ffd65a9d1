import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { OrganizerQuestionsQuery } from '@/__generated__/graphql';

graphql(`
  fragment OrganizerQuestion on Question {
    id
    label
    kind
    required
    options
  }
`);

const QuestionsQuery = graphql(`
  query OrganizerQuestions($eventId: ID!) {
    event(id: $eventId) {
      id
      questions {
        ...OrganizerQuestion
      }
    }
  }
`);

const SetQuestionsMutation = graphql(`
  mutation OrganizerSetQuestions($eventId: ID!, $questions: [QuestionInput!]!) {
    setQuestions(eventId: $eventId, questions: $questions) {
      id
      questions {
        ...OrganizerQuestion
      }
    }
  }
`);

export type OrganizerQuestion = NonNullable<OrganizerQuestionsQuery['event']>['questions'][number];

/** What the event asks each attendee, in order (public, like its ticket types). */
export const useQuestions = (eventId: string) => useQuery(QuestionsQuery, { variables: { eventId }, fetchPolicy: 'cache-and-network' });

/** Replaces the whole list; the answer carries the new list, so the cached event follows. */
export const useSetQuestions = () => useMutation(SetQuestionsMutation);
