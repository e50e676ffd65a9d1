import { requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const becomeOrganizer: MutationResolvers['becomeOrganizer'] = (_parent, _args, { accounts, viewer }) => {
  const user = requireViewer(viewer);
  return accounts.becomeOrganizer(user);
};
