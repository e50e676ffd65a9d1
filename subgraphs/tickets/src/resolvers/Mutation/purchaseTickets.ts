import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const purchaseTickets: MutationResolvers['purchaseTickets'] = (_parent, { input }, { purchases, viewer }) =>
  purchases.purchase(viewer, input);
