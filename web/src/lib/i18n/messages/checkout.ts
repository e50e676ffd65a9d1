import type { Message } from '../messages.en';

/**
 * The checkout feature's sentences. English is the reference; Russian must have exactly its keys.
 * Keys start with `checkout.`; the feature's pages use them through `t()`.
 */
export const checkoutEn = {} satisfies Record<string, Message>;

export const checkoutRu: Record<keyof typeof checkoutEn, Message> = {};
