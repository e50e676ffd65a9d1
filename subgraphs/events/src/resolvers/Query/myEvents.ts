import type { QueryResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';

export const myEvents: QueryResolvers['myEvents'] = (_parent, { status }, { catalog, viewer }) =>
  catalog.mine(requireOrganizer(viewer), status);
