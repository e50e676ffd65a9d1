import type { Message } from '../messages.en';

/**
 * The events feature's sentences. English is the reference; Russian must have exactly its keys.
 * Keys start with `events.`; the feature's pages use them through `t()`.
 */
export const eventsEn = {} satisfies Record<string, Message>;

export const eventsRu: Record<keyof typeof eventsEn, Message> = {};
