import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const createTicketType: MutationResolvers['createTicketType'] = (_parent, { eventId, input }, { ticketTypes, viewer }) =>
  ticketTypes.create(viewer, eventId, input);
