import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { ticketTypeInput } from '../../domain/validation.js';

export const createTicketType: MutationResolvers['createTicketType'] = (_parent, { eventId, input }, { ticketTypes, viewer }) => {
  const organizer = requireViewer(viewer);
  const ticketType = parseInput(ticketTypeInput, input);
  return ticketTypes.create(organizer, eventId, ticketType);
};
