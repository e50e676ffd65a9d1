import { AppError, ErrorCode, parseInput, requireViewer } from '@sbor/core';
import type { MutationResolvers } from '../../__generated__/resolvers-types.js';
import { orderInput } from '../../domain/validation.js';

export const reserveTickets: MutationResolvers['reserveTickets'] = (_parent, { input }, { ordering, viewer }) => {
  const buyer = requireViewer(viewer);
  const order = parseInput(orderInput, input);
  if (order.voucherCode) throw new AppError(ErrorCode.VOUCHER_INVALID, 'This voucher code is not valid.', { field: 'voucherCode' });
  return ordering.reserve(buyer, order);
};
