import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** Null, not an error, for a missing id and for someone else's draft alike: existence is not revealed. */
export const event: QueryResolvers['event'] = (_parent, { id }, { loaders }) => loaders.event.load(id);
