import type { CheckInResolvers, DoorStaffResolvers } from '../__generated__/resolvers-types.js';

export const DoorStaff: DoorStaffResolvers = {
  user: (staff) => ({ id: staff.userId }),
  event: (staff) => ({ id: staff.eventId }),
};

/** A scan log entry; its ticket is one of the organizer's own, read through the same visibility rule as anywhere else. */
export const CheckIn: CheckInResolvers = {
  accepted: (scan) => scan.result === 'ADMITTED' || scan.result === 'UNDONE',
  ticket: (scan, _args, { loaders }) => (scan.ticketId ? loaders.visibleTicket.load(scan.ticketId) : null),
  scannedBy: (scan) => ({ id: scan.scannedBy }),
};
