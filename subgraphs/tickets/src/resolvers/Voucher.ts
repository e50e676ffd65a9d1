import type { VoucherResolvers } from '../__generated__/resolvers-types.js';

export const Voucher: VoucherResolvers = {
  event: (voucher) => ({ id: voucher.eventId }),
  ticketTypes: async (voucher, _args, { loaders }) => {
    const types = await Promise.all(voucher.ticketTypeIds.map((id) => loaders.ticketType.load(id)));
    return types.filter((t) => t !== null);
  },
};
