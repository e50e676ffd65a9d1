/**
 * The order rules of DESIGN.md ("Commerce") as pure functions: what an order costs, when a hold
 * ends, what a refused hold means, what a refund returns. The domain classes call them; they never
 * touch I/O.
 */
import { randomBytes } from 'node:crypto';
import { AppError, ErrorCode } from '@sbor/core';
import { toCrockford } from './codes.js';
import type { OrderLineRow, OrderStatus, TicketRow, TicketTypeRow, VoucherRow } from './repositories.js';
import { checkSalesWindow, soldOutError } from './rules.js';
import { discountPerTicket, usesLeft, voucherCovers, voucherExhausted, voucherNotForTheseTickets } from './voucher-rules.js';

/** A short human reference: `SB-` and 8 Crockford characters (40 random bits), e.g. `SB-7KQ2-XR4M`. */
export function newOrderNumber(): string {
  const body = toCrockford(randomBytes(5), 8);
  return `SB-${body.slice(0, 4)}-${body.slice(4)}`;
}

export interface PricedLine {
  ticketTypeId: string;
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  maxPerUser: number | null;
}

/**
 * Checks each line against its ticket type (of this event, listed or unlocked by the voucher, on
 * sale now, within its per-buyer limit) in the order given, and prices it, less the voucher's
 * discount on the lines it applies to. One order has one currency. A voucher must apply to some
 * line (VOUCHER_INVALID) and have a use left for each ticket it discounts (VOUCHER_EXHAUSTED, as
 * read: the reserve statement is the guard); `voucherUses` is how many it takes.
 */
export function priceLines(
  items: readonly { ticketTypeId: string; quantity: number }[],
  types: ReadonlyMap<string, TicketTypeRow>,
  eventId: string,
  now: Date,
  voucher?: VoucherRow,
): { lines: PricedLine[]; totalCents: number; currency: string; voucherUses: number } {
  const lines = items.map((item, i) => {
    const type = types.get(item.ticketTypeId);
    // A hidden type is sold only with a voucher naming it; without one it does not exist.
    const listed = type && (!type.hidden || (voucher && voucherCovers(voucher, type))) ? type : undefined;
    try {
      checkSalesWindow(listed, eventId, now);
    } catch (error) {
      throw withField(error, `items.${i}.ticketTypeId`);
    }
    if (listed.maxPerUser !== null && item.quantity > listed.maxPerUser)
      throw limitPerUser(listed.maxPerUser, listed.maxPerUser, `items.${i}.quantity`);
    const discounted = voucher !== undefined && voucherCovers(voucher, listed);
    return {
      ticketTypeId: listed.id,
      quantity: item.quantity,
      unitPriceCents: listed.priceCents,
      discountCents: discounted ? discountPerTicket(voucher, listed.priceCents) * item.quantity : 0,
      maxPerUser: listed.maxPerUser,
      currency: listed.currency,
      voucherUses: discounted ? item.quantity : 0,
    };
  });
  const currencies = new Set(lines.map((l) => l.currency));
  if (currencies.size > 1) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'One order has one currency: order these ticket types separately.', { field: 'items' });
  }
  const voucherUses = lines.reduce((n, l) => n + l.voucherUses, 0);
  if (voucher) {
    if (voucherUses === 0) throw voucherNotForTheseTickets();
    const left = usesLeft(voucher);
    if (left !== null && voucherUses > left) throw voucherExhausted(left);
  }
  const totalCents = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceCents - l.discountCents, 0);
  return {
    lines: lines.map(({ currency: _currency, voucherUses: _uses, ...line }) => line),
    totalCents: Math.max(0, totalCents),
    currency: lines[0]!.currency,
    voucherUses,
  };
}

/** The same error, naming the input field it is about. */
export const withField = (error: unknown, field: string) =>
  error instanceof AppError && (error.extensions.field === 'ticketTypeId' || error.extensions.field === undefined)
    ? new AppError(error.code, error.message, { ...error.extensions, field })
    : error;

export const limitPerUser = (maxPerUser: number, remaining: number, field: string) =>
  new AppError(
    ErrorCode.LIMIT_PER_USER,
    remaining > 0
      ? `You can hold at most ${maxPerUser} of these tickets; ${remaining} more at most.`
      : `You already hold the most of these tickets one person may (${maxPerUser}).`,
    { field, maxPerUser, remaining: Math.max(0, remaining) },
  );

/**
 * Why the stock statement refused an order, read from the types as they are now: the event's
 * cancellation closed sales, or a line no longer fits what is left, or the voucher ran out (or
 * out of its validity), or else the buyer's limit.
 */
export function refusalOf(
  lines: readonly PricedLine[],
  typesNow: ReadonlyMap<string, TicketTypeRow>,
  holdingsNow: ReadonlyMap<string, number>,
  eventCancelled: boolean,
  voucherNow?: { voucher: VoucherRow | undefined; uses: number; now: Date },
): AppError {
  if (eventCancelled || lines.some((l) => typesNow.get(l.ticketTypeId)?.salesClosed)) {
    return new AppError(ErrorCode.EVENT_CANCELLED, 'This event has been cancelled.');
  }
  for (const [i, line] of lines.entries()) {
    const type = typesNow.get(line.ticketTypeId);
    const available = type ? type.quantity - type.held - type.sold : 0;
    if (line.quantity > available) return withField(soldOutError(available), `items.${i}.quantity`) as AppError;
  }
  if (voucherNow) {
    const { voucher, uses, now } = voucherNow;
    const left = voucher ? usesLeft(voucher) : 0;
    if (left !== null && uses > left) return voucherExhausted(left);
    const valid = voucher && (!voucher.validFrom || voucher.validFrom <= now) && (!voucher.validUntil || voucher.validUntil > now);
    if (!valid) return new AppError(ErrorCode.VOUCHER_INVALID, 'This voucher is no longer valid.', { field: 'voucherCode' });
  }
  for (const [i, line] of lines.entries()) {
    if (line.maxPerUser === null) continue;
    const held = holdingsNow.get(line.ticketTypeId) ?? 0;
    if (held + line.quantity > line.maxPerUser) return limitPerUser(line.maxPerUser, line.maxPerUser - held, `items.${i}.quantity`);
  }
  // Everything fits now: stock came back between the statement and this read. Worth a retry.
  return new AppError(ErrorCode.CONFLICT, 'Tickets changed hands while you ordered. Try again.');
}

/** The same key means the same order: event and lines, in any order. */
export function sameOrder(
  existing: { eventId: string; lines: readonly { ticketTypeId: string; quantity: number }[] },
  request: { eventId: string; items: readonly { ticketTypeId: string; quantity: number }[] },
): boolean {
  if (existing.eventId !== request.eventId || existing.lines.length !== request.items.length) return false;
  const wanted = new Map(request.items.map((i) => [i.ticketTypeId, i.quantity]));
  return existing.lines.every((l) => wanted.get(l.ticketTypeId) === l.quantity);
}

/** What refunding these tickets gives back: each ticket's line price, less its share of the line's discount. */
export function refundAmount(tickets: readonly TicketRow[], lines: readonly OrderLineRow[]): number {
  const byType = new Map(lines.map((l) => [l.ticketTypeId, l]));
  return tickets.reduce((sum, ticket) => {
    const line = byType.get(ticket.ticketTypeId);
    if (!line) return sum;
    return sum + line.unitPriceCents - Math.floor(line.discountCents / line.quantity);
  }, 0);
}

/** A state an order must be in for an action, or INVALID_TRANSITION naming both. */
export function requireStatus(status: OrderStatus, allowed: readonly OrderStatus[], to: string): void {
  if (!allowed.includes(status)) {
    throw new AppError(
      ErrorCode.INVALID_TRANSITION,
      `This order is ${status.toLowerCase().replace('_', ' ')}, so it cannot be ${to.toLowerCase()}.`,
      { from: status, to },
    );
  }
}
