import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const validateTicket: MutationResolvers['validateTicket'] = (_parent, { code, eventId }, { door, viewer }) =>
  door.validate(requireViewer(viewer), code, eventId);
