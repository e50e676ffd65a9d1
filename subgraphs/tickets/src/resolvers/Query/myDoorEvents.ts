import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

/** No token reads as no door to work: an empty list, not UNAUTHENTICATED, as the SDL promises. */
export const myDoorEvents: QueryResolvers['myDoorEvents'] = (_parent, _args, { doorStaffing, viewer }) => doorStaffing.eventsOf(viewer);
