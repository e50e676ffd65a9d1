import type { Message } from '../messages.en';

/**
 * The door feature's sentences. English is the reference; Russian must have exactly its keys.
 * Keys start with `door.`; the feature's pages use them through `t()`.
 */
export const doorEn = {} satisfies Record<string, Message>;

export const doorRu: Record<keyof typeof doorEn, Message> = {};
