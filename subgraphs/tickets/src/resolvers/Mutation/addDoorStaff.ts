import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { doorStaffInput } from '../../domain/door-staff.js';

export const addDoorStaff: MutationResolvers['addDoorStaff'] = (_parent, args, { doorStaffing, viewer }) => {
  const organizer = requireViewer(viewer);
  const { email } = parseInput(doorStaffInput, { email: args.email });
  return doorStaffing.add(organizer, args.eventId, email);
};
