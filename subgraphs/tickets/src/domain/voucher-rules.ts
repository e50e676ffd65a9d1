/**
 * The voucher rules of DESIGN.md ("Commerce") as pure functions: when a code may be used, which
 * ticket types it applies to, and what it takes off a ticket. A use is one discounted ticket.
 */
import { AppError, ErrorCode } from '@sbor/core';
import type { TicketTypeRow, VoucherRow } from './repositories.js';

const FIELD = 'voucherCode';

/** VOUCHER_INVALID unless the code names one of the event's vouchers and it is valid now. */
export function checkVoucherValidNow(voucher: VoucherRow | undefined, now: Date): asserts voucher is VoucherRow {
  if (!voucher) throw new AppError(ErrorCode.VOUCHER_INVALID, 'This voucher code is not valid for this event.', { field: FIELD });
  if (voucher.validFrom && voucher.validFrom.getTime() > now.getTime()) {
    throw new AppError(ErrorCode.VOUCHER_INVALID, `This voucher can be used from ${voucher.validFrom.toISOString()}.`, {
      field: FIELD,
      validFrom: voucher.validFrom.toISOString(),
    });
  }
  if (voucher.validUntil && voucher.validUntil.getTime() <= now.getTime()) {
    throw new AppError(ErrorCode.VOUCHER_INVALID, 'This voucher has expired.', {
      field: FIELD,
      validUntil: voucher.validUntil.toISOString(),
    });
  }
}

/** A voucher naming no types applies to every listed type; a hidden type only to a voucher that names it. */
export const voucherCovers = (voucher: Pick<VoucherRow, 'ticketTypeIds'>, type: Pick<TicketTypeRow, 'id' | 'hidden'>): boolean =>
  voucher.ticketTypeIds.length === 0 ? !type.hidden : voucher.ticketTypeIds.includes(type.id);

/** What the voucher takes off one ticket of this price: never more than the price, so no total goes below 0. */
export function discountPerTicket(voucher: Pick<VoucherRow, 'kind' | 'value'>, unitPriceCents: number): number {
  switch (voucher.kind) {
    case 'FREE':
      return unitPriceCents;
    case 'AMOUNT':
      return Math.min(voucher.value, unitPriceCents);
    case 'PERCENT':
      return Math.min(unitPriceCents, Math.round((unitPriceCents * voucher.value) / 100));
  }
}

/** How many more tickets the voucher may discount; null for no limit. */
export const usesLeft = (voucher: Pick<VoucherRow, 'maxUses' | 'used'>): number | null =>
  voucher.maxUses === null ? null : Math.max(0, voucher.maxUses - voucher.used);

export const voucherNotForTheseTickets = () =>
  new AppError(ErrorCode.VOUCHER_INVALID, 'This voucher is not valid for these tickets.', { field: FIELD });

export function voucherExhausted(remaining: number): AppError {
  return new AppError(
    ErrorCode.VOUCHER_EXHAUSTED,
    remaining > 0
      ? `This voucher can be used for ${remaining} more ${remaining === 1 ? 'ticket' : 'tickets'} only.`
      : 'This voucher has been used up.',
    { field: FIELD, remaining },
  );
}
