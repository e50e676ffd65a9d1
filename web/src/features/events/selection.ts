/** The API's cap on one order: 1 to 10 tickets in all (README, "Orders, payments and refunds"). */
export const ORDER_LIMIT = 10;

export interface PickableType {
  id: string;
  priceCents: number;
  currency: string;
  available: number;
  maxPerUser?: number | null;
  salesStart: string;
  salesEnd: string;
}

export type SalesState = 'on-sale' | 'not-started' | 'ended' | 'sold-out';

/** Quantities chosen per ticket type id. */
export type Selection = Readonly<Record<string, number>>;

export function salesState(type: PickableType, now: number): SalesState {
  if (now < Date.parse(type.salesStart)) return 'not-started';
  if (now >= Date.parse(type.salesEnd)) return 'ended';
  return type.available > 0 ? 'on-sale' : 'sold-out';
}

/**
 * The most of `type` this order may take: what is left, the type's per-person limit, and what the
 * 10-ticket order limit leaves after the other types chosen. The server has the last word (a buyer's
 * earlier orders count against `maxPerUser` too); this only keeps the pickers honest.
 */
export function maxQuantity(type: PickableType, types: readonly PickableType[], selection: Selection, now: number): number {
  if (salesState(type, now) !== 'on-sale') return 0;
  const others = types.reduce((sum, other) => (other.id === type.id ? sum : sum + (selection[other.id] ?? 0)), 0);
  return Math.max(0, Math.min(type.available, type.maxPerUser ?? ORDER_LIMIT, ORDER_LIMIT - others));
}

/**
 * The selection as it can still be ordered: availability may have dropped since it was chosen, so
 * each quantity is cut to what is allowed, in the types' order.
 */
export function clampSelection(types: readonly PickableType[], selection: Selection, now: number): Selection {
  const clamped: Record<string, number> = {};
  for (const type of types) {
    const wanted = selection[type.id] ?? 0;
    if (wanted > 0) clamped[type.id] = Math.min(wanted, maxQuantity(type, types, clamped, now));
  }
  return clamped;
}

export const ticketCount = (selection: Selection) => Object.values(selection).reduce((sum, n) => sum + n, 0);

/** The total per currency (an event's types normally share one). */
export function totals(types: readonly PickableType[], selection: Selection): { currency: string; cents: number }[] {
  const sums = new Map<string, number>();
  for (const type of types) {
    const quantity = selection[type.id] ?? 0;
    if (quantity > 0) sums.set(type.currency, (sums.get(type.currency) ?? 0) + quantity * type.priceCents);
  }
  return [...sums].map(([currency, cents]) => ({ currency, cents }));
}

/** The order's items: the chosen types, in the types' order. */
export function orderItems(types: readonly PickableType[], selection: Selection): { ticketTypeId: string; quantity: number }[] {
  return types.filter((type) => (selection[type.id] ?? 0) > 0).map((type) => ({ ticketTypeId: type.id, quantity: selection[type.id]! }));
}
