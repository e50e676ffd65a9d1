import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

// Someone else's ticket reads as null, exactly like one that does not exist.
export const ticket: QueryResolvers['ticket'] = (_parent, { id }, { loaders }) => loaders.visibleTicket.load(id);
