import type { Message } from '../messages.en';

/**
 * The organizer feature's sentences. English is the reference; Russian must have exactly its keys.
 * Keys start with `organizer.`; the feature's pages use them through `t()`.
 */
export const organizerEn = {} satisfies Record<string, Message>;

export const organizerRu: Record<keyof typeof organizerEn, Message> = {};
