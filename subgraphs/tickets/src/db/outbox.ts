import { inboxTable, outboxTable } from '@sbor/messaging';
import { ticketsSchema } from './schema.js';

/** Facts this service produces wait here until the relay has published them. */
export const outbox = outboxTable(ticketsSchema);
/** Facts this service has consumed, per consumer group: a redelivery has no second effect. */
export const inbox = inboxTable(ticketsSchema);
