import { orderReservedFact, waitingListOfferedFact } from '../messaging/facts.js';
import { newOrderNumber } from './order-rules.js';
import type { MadeOffer, OfferTerms } from './repositories.js';

/** How long a waiting-list offer holds its tickets when `OFFER_MINUTES` is not given. */
export const DEFAULT_OFFER_MINUTES = 60;

/**
 * The terms every stock change offers freed tickets on: a hold of `minutes` in the next waiting
 * user's name, a new order number, and its facts (`order.reserved` for the hold, and
 * `waitinglist.offered`, which the notifications service turns into WAITING_LIST_OFFER).
 */
export function offerTerms(minutes: number = DEFAULT_OFFER_MINUTES, failed?: (error: unknown) => void): OfferTerms {
  return {
    minutes,
    orderNumber: newOrderNumber,
    factsFor: ({ entry, order, line }: MadeOffer) => [
      orderReservedFact({ ...order, expiresAt: order.expiresAt! }, [line]),
      waitingListOfferedFact(order, { ...entry, offerExpiresAt: entry.offerExpiresAt! }),
    ],
    failed,
  };
}
