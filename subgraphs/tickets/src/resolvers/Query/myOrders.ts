import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const myOrders: QueryResolvers['myOrders'] = (_parent, { first, after }, { orderReader, viewer }) =>
  orderReader.mine(requireViewer(viewer), { first: first ?? 20, after });
