import type { Message } from '../messages.en';

/**
 * The tickets feature's sentences. English is the reference; Russian must have exactly its keys.
 * Keys start with `tickets.`; the feature's pages use them through `t()`.
 */
export const ticketsEn = {} satisfies Record<string, Message>;

export const ticketsRu: Record<keyof typeof ticketsEn, Message> = {};
