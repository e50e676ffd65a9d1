import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { waitingListInput } from '../../domain/validation.js';

export const joinWaitingList: MutationResolvers['joinWaitingList'] = (_parent, args, { waitingList, viewer }) => {
  const user = requireViewer(viewer);
  const { ticketTypeId, quantity } = parseInput(waitingListInput, args);
  return waitingList.join(user, ticketTypeId, quantity);
};
