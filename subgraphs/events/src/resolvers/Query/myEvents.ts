import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const myEvents: QueryResolvers['myEvents'] = (_parent, { status }, { catalog, viewer }) => catalog.mine(viewer, status);
