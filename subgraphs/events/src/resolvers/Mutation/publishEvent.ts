import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { requireOrganizer } from '../../domain/access.js';

export const publishEvent: MutationResolvers['publishEvent'] = (_parent, { id }, { organizerEvents, viewer }) =>
  organizerEvents.publish(requireOrganizer(viewer), id);
