import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const revokedTickets: QueryResolvers['revokedTickets'] = (_parent, { eventId, after }, { door, viewer }) =>
  door.revocations(requireViewer(viewer), eventId, after);
