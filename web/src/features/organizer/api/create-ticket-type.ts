import { useMutation } from '@apollo/client/react';
import { graphql } from '@/__generated__';

const CreateTicketTypeMutation = graphql(`
  mutation OrganizerCreateTicketType($eventId: ID!, $input: CreateTicketTypeInput!) {
    createTicketType(eventId: $eventId, input: $input) {
      id
      name
      priceCents
      currency
      quantity
      sold
      held
      available
      maxPerUser
      hidden
      salesStart
      salesEnd
      event {
        id
        ticketTypes {
          id
        }
      }
    }
  }
`);

/** Adds a ticket type; the answer carries the event's list of types, so the cached list grows by itself. */
export const useCreateTicketType = () => useMutation(CreateTicketTypeMutation);
