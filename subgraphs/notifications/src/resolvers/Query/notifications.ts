import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';
import { pageQuery } from '../../domain/cursor.js';

export const notifications: QueryResolvers['notifications'] = (_parent, args, { notifications, viewer }) => {
  const reader = requireViewer(viewer);
  const page = pageQuery(args);
  return notifications.list(reader, page);
};
