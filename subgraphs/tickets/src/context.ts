import type { RequestBase } from '@sbor/kit';
import type { Door } from './domain/door.js';
import type { Purchases } from './domain/purchases.js';
import type { TicketReader } from './domain/reading.js';
import type { TicketTypes } from './domain/ticket-types.js';
import type { Loaders } from './loaders.js';

export interface TicketsContext extends RequestBase {
  ticketTypes: TicketTypes;
  purchases: Purchases;
  reader: TicketReader;
  door: Door;
  /** Per request, so batching never mixes two viewers' answers. */
  loaders: Loaders;
}
