import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '@/__generated__';
import type { OrganizerVouchersQuery } from '@/__generated__/graphql';

const VouchersQuery = graphql(`
  query OrganizerVouchers($eventId: ID!) {
    event(id: $eventId) {
      id
      vouchers {
        ...OrganizerVoucher
      }
    }
  }
`);

graphql(`
  fragment OrganizerVoucher on Voucher {
    id
    code
    kind
    value
    maxUses
    used
    validFrom
    validUntil
    ticketTypes {
      id
      name
    }
  }
`);

const CreateVoucherMutation = graphql(`
  mutation OrganizerCreateVoucher($eventId: ID!, $input: VoucherInput!) {
    createVoucher(eventId: $eventId, input: $input) {
      ...OrganizerVoucher
      event {
        id
        vouchers {
          id
        }
      }
    }
  }
`);

export type OrganizerVoucher = NonNullable<OrganizerVouchersQuery['event']>['vouchers'][number];

/** The event's vouchers, oldest first; the API answers an empty list to anyone but the organizer. */
export const useVouchers = (eventId: string) => useQuery(VouchersQuery, { variables: { eventId }, fetchPolicy: 'cache-and-network' });

/** A new voucher; the answer carries the event's list, so the cached list grows by itself. */
export const useCreateVoucher = () => useMutation(CreateVoucherMutation);
