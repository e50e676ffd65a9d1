import type { MutationResolvers } from '../../__generated__/resolvers-types.js';

export const becomeOrganizer: MutationResolvers['becomeOrganizer'] = (_parent, _args, { accounts, viewer }) =>
  accounts.becomeOrganizer(viewer);
