import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const events: QueryResolvers['events'] = (_parent, args, { catalog }) => catalog.page(args);
