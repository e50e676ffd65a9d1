import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const myWaitingList: QueryResolvers['myWaitingList'] = (_parent, _args, { waitingList, viewer }) =>
  waitingList.mine(requireViewer(viewer));
