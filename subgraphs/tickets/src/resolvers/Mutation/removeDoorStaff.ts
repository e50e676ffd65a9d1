import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const removeDoorStaff: MutationResolvers['removeDoorStaff'] = (_parent, { eventId, userId }, { doorStaffing, viewer }) =>
  doorStaffing.remove(requireViewer(viewer), eventId, userId);
