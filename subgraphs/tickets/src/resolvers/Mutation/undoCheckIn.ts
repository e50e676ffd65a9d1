import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const undoCheckIn: MutationResolvers['undoCheckIn'] = (_parent, { ticketId }, { door, viewer }) =>
  door.undo(requireViewer(viewer), ticketId);
