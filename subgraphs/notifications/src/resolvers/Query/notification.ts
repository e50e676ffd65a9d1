import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

// Someone else's notification reads as null, exactly like one that does not exist.
export const notification: QueryResolvers['notification'] = (_parent, { id }, { notifications, viewer }) =>
  notifications.byId(requireViewer(viewer), id);
