import type { EventResolvers } from '../__generated__/resolvers-types.js';
import type { TicketTypeRow } from '../domain/repositories.js';

/** Tickets' fields on the events subgraph's Event; only the id is known here. */
export const Event: EventResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  ticketTypes: async (event, { voucherCode }, { loaders, vouchers }) => {
    const listed = await loaders.ticketTypesOfEvent.load(event.id);
    const unlocked = voucherCode ? await vouchers.unlockedTypeIds(event.id, voucherCode) : [];
    const shown = new Set(listed.map((type) => type.id));
    const hidden = (await loaders.ticketType.loadMany(unlocked.filter((id) => !shown.has(id)))).filter(
      (type): type is TicketTypeRow => type !== null && !(type instanceof Error) && type.eventId === event.id,
    );
    return [...listed, ...hidden];
  },
  salesStats: (event, _args, { reader, viewer }) => reader.salesStats(viewer, event.id),
  orders: (event, { status, first, after }, { orderReader, viewer }) =>
    orderReader.ofEvent(viewer, event.id, { status, first: first ?? 20, after }),
  questions: (event, _args, { loaders }) => loaders.questionsOfEvent.load(event.id),
  vouchers: (event, _args, { vouchers, viewer }) => vouchers.ofEvent(viewer, event.id),
  waitingList: (event, { ticketTypeId }, { waitingList, viewer }) => waitingList.ofEvent(viewer, event.id, ticketTypeId),
  doorStaff: (event, _args, { doorStaffing, viewer }) => doorStaffing.ofEvent(viewer, event.id),
  checkIns: (event, { first, after }, { scanLog, viewer }) => scanLog.ofEvent(viewer, event.id, { first: first ?? 20, after }),
};
