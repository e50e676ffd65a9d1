import { parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { voucherInput } from '../../domain/validation.js';

export const createVoucher: MutationResolvers['createVoucher'] = (_parent, { eventId, input }, { vouchers, viewer }) => {
  const organizer = requireViewer(viewer);
  const voucher = parseInput(voucherInput, input);
  return vouchers.create(organizer, eventId, voucher);
};
