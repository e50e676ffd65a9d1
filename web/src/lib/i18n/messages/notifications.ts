import type { Message } from '../messages.en';

/**
 * The notifications feature's sentences. English is the reference; Russian must have exactly its keys.
 * Keys start with `notifications.`; the feature's pages use them through `t()`.
 */
export const notificationsEn = {} satisfies Record<string, Message>;

export const notificationsRu: Record<keyof typeof notificationsEn, Message> = {};
