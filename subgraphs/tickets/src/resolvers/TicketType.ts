import type { TicketTypeResolvers } from '../__generated__/resolvers-types.js';

export const TicketType: TicketTypeResolvers = {
  // Ticket types are public, like the event's listing they belong to.
  __resolveReference: (reference, { loaders }) => loaders.ticketType.load(reference.id),
  event: (type) => ({ id: type.eventId }),
  available: (type) => type.quantity - type.held - type.sold,
};
