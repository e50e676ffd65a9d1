import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const checkInTicket: MutationResolvers['checkInTicket'] = (_parent, { code, eventId }, { door, viewer }) =>
  door.checkIn(requireViewer(viewer), code, eventId);
