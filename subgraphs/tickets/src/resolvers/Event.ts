import type { EventResolvers } from '../__generated__/resolvers-types.js';

/** Tickets' fields on the events subgraph's Event; only the id is known here. */
export const Event: EventResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  ticketTypes: (event, _args, { loaders }) => loaders.ticketTypesOfEvent.load(event.id),
  salesStats: (event, _args, { reader, viewer }) => reader.salesStats(viewer, event.id),
  orders: (event, { status, first, after }, { orderReader, viewer }) =>
    orderReader.ofEvent(viewer, event.id, { status, first: first ?? 20, after }),
};
