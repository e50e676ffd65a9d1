import type { WaitingListEntryResolvers } from '../__generated__/resolvers-types.js';

export const WaitingListEntry: WaitingListEntryResolvers = {
  ticketType: async (entry, _args, { loaders }) => (await loaders.ticketType.load(entry.ticketTypeId))!,
  user: (entry) => ({ id: entry.userId }),
  offerExpiresAt: (entry) => (entry.status === 'OFFERED' ? entry.offerExpiresAt : null),
  // The entry's user is the order's buyer, and its organizer the order's: both may read it.
  order: (entry, _args, { loaders }) => (entry.orderId ? loaders.visibleOrder.load(entry.orderId) : null),
};
