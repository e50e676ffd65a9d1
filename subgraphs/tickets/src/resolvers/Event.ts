import type { EventResolvers } from '../__generated__/resolvers-types.js';

/** Tickets' fields on the events subgraph's Event; only the id is known here. */
export const Event: EventResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  ticketTypes: (event, _args, { loaders }) => loaders.ticketTypesOfEvent.load(event.id),
  salesStats: (event, _args, { reader, viewer }) => reader.salesStats(viewer, event.id),
  orders: (event, { status, first, after }, { orderReader, viewer }) =>
    orderReader.ofEvent(viewer, event.id, { status, first: first ?? 20, after }),
  questions: (event, _args, { loaders }) => loaders.questionsOfEvent.load(event.id),
  vouchers: (event, _args, { vouchers, viewer }) => vouchers.ofEvent(viewer, event.id),
  waitingList: (event, { ticketTypeId }, { waitingList, viewer }) => waitingList.ofEvent(viewer, event.id, ticketTypeId),
  doorStaff: (event, _args, { doorStaffing, viewer }) => doorStaffing.ofEvent(viewer, event.id),
  checkIns: (event, { first, after }, { scanLog, viewer }) => scanLog.ofEvent(viewer, event.id, { first: first ?? 20, after }),
};
