import type { EventResolvers } from '../__generated__/resolvers-types.js';
import type { TicketTypeRow } from '../domain/repositories.js';
import { eventKey } from '../loaders.js';

/** Tickets' fields on the events subgraph's Event; only the id is known here. */
export const Event: EventResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  ticketTypes: async (event, { voucherCode }, { loaders }) => {
    const listed = await loaders.ticketTypesOfEvent.load(event.id);
    const unlocked = voucherCode ? await loaders.unlockedTypesOfEvent.load(eventKey(event.id, { voucherCode })) : [];
    const shown = new Set(listed.map((type) => type.id));
    const hidden = (await loaders.ticketType.loadMany(unlocked.filter((id) => !shown.has(id)))).filter(
      (type): type is TicketTypeRow => type !== null && !(type instanceof Error) && type.eventId === event.id,
    );
    return [...listed, ...hidden];
  },
  salesStats: (event, _args, { loaders }) => loaders.salesStatsOfEvent.load(event.id),
  orders: (event, { status, first, after }, { loaders }) =>
    loaders.ordersOfEvent.load(eventKey(event.id, { status: status ?? null, first: first ?? 20, after: after ?? null })),
  questions: (event, _args, { loaders }) => loaders.questionsOfEvent.load(event.id),
  vouchers: (event, _args, { loaders }) => loaders.vouchersOfEvent.load(event.id),
  waitingList: (event, { ticketTypeId }, { loaders }) =>
    loaders.waitingListOfEvent.load(eventKey(event.id, { ticketTypeId: ticketTypeId ?? null })),
  doorStaff: (event, _args, { loaders }) => loaders.doorStaffOfEvent.load(event.id),
  checkIns: (event, { first, after }, { loaders }) =>
    loaders.checkInsOfEvent.load(eventKey(event.id, { first: first ?? 20, after: after ?? null })),
};
