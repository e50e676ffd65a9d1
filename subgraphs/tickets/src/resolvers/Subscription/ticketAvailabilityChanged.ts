import type { SubscriptionResolvers } from '../../__generated__/resolvers-types.js';
import type { TicketTypeRow } from '../../domain/repositories.js';

/**
 * Public, like the event's listing: no token needed. The watch ends when the client completes or
 * the socket closes (`return()`); its event's stock stops being read once nobody watches it.
 */
export const ticketAvailabilityChanged: SubscriptionResolvers['ticketAvailabilityChanged'] = {
  subscribe: (_parent, { eventId }, { liveStock }) => liveStock.watch(eventId),
  resolve: (payload: TicketTypeRow) => payload,
};
