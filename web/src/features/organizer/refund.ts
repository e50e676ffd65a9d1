/** The order as a refund needs it: each line's prices, and its tickets by type. */
export interface RefundableOrder {
  lines: readonly { ticketType: { id: string }; quantity: number; unitPriceCents: number; discountCents: number }[];
  tickets: readonly { id: string; status: string; ticketType: { id: string } }[];
}

/** Tickets that can still be refunded: not cancelled (a used ticket can be, as in pretix). */
export const refundableTickets = <T extends RefundableOrder['tickets'][number]>(tickets: readonly T[]): T[] =>
  tickets.filter((ticket) => ticket.status !== 'CANCELLED');

/**
 * What refunding these tickets gives back, as the tickets service works it out: each ticket's unit
 * price less its share of the line's discount (rounded down). Shown before the organizer confirms.
 */
export function refundAmountCents(order: RefundableOrder, ticketIds: readonly string[]): number {
  const lines = new Map(order.lines.map((line) => [line.ticketType.id, line]));
  const chosen = new Set(ticketIds);
  return order.tickets
    .filter((ticket) => chosen.has(ticket.id))
    .reduce((sum, ticket) => {
      const line = lines.get(ticket.ticketType.id);
      return line ? sum + line.unitPriceCents - Math.floor(line.discountCents / line.quantity) : sum;
    }, 0);
}

/**
 * The `ticketIds` to send: none (the whole order) when every refundable ticket is chosen, so the
 * API refunds what is left even if the list here is a moment old; the chosen ones otherwise.
 */
export function ticketIdsToSend(order: RefundableOrder, chosen: readonly string[]): string[] | null {
  const left = refundableTickets(order.tickets).map((ticket) => ticket.id);
  return left.every((id) => chosen.includes(id)) ? null : left.filter((id) => chosen.includes(id));
}
