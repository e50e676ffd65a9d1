import { outboxTable } from '@sbor/messaging';
import { usersSchema } from './schema.js';

/** Facts waiting for the relay: written in the same transaction as the change they describe. */
export const outbox = outboxTable(usersSchema);
