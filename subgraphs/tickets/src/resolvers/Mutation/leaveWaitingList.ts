import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const leaveWaitingList: MutationResolvers['leaveWaitingList'] = (_parent, { id }, { waitingList, viewer }) =>
  waitingList.leave(requireViewer(viewer), id);
