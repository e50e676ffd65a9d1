import { requireViewer } from '@sbor/core';
import type { QueryResolvers } from '../../__generated__/resolvers-types.js';

export const myTickets: QueryResolvers['myTickets'] = (_parent, _args, { reader, viewer }) => reader.mine(requireViewer(viewer));
