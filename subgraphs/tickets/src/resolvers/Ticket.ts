import QRCode from 'qrcode';
import type { TicketResolvers } from '../__generated__/resolvers-types.js';
import { AppError, ErrorCode } from '@sbor/core';

export const Ticket: TicketResolvers = {
  // _entities applies the same rule as Query.ticket: a stranger's ticket resolves to null.
  __resolveReference: (reference, { loaders }) => loaders.visibleTicket.load(reference.id),
  event: (ticket) => ({ id: ticket.eventId }),
  owner: (ticket) => ({ id: ticket.ownerId }),
  ticketType: async (ticket, _args, { loaders }) => (await loaders.ticketType.load(ticket.ticketTypeId))!,
  order: async (ticket, _args, { loaders }) => {
    const order = await loaders.visibleOrder.load(ticket.orderId);
    // Door staff read the tickets they scan, not the buyer's order behind them.
    if (!order) throw new AppError(ErrorCode.FORBIDDEN, 'Only the buyer and the event’s organizer see the order of a ticket.');
    return order;
  },
  // A code signed by a retired key is renewed when read, so holders carry one that keeps working.
  qrPayload: (ticket, _args, { reader }) => reader.qrPayload(ticket),
  qrCodeSvg: async (ticket, _args, { reader }) =>
    QRCode.toString(await reader.qrPayload(ticket), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
  // attendeeName, attendeeEmail and answers are read from the row: a ticket reaches a resolver only
  // through a read scoped to who may see it (tickets.visibleTo in db/queries/tickets.ts: its holder
  // and its event's organizer; the door's scans for staff), so they are seen exactly by them.
};
