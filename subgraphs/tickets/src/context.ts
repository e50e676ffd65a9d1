import type { BaseContext, Logger } from '@sbor/core';
import type { Loaders } from './loaders.js';
import type { Door } from './domain/door.js';
import type { Purchases } from './domain/purchases.js';
import type { TicketReader } from './domain/reading.js';
import type { TicketTypes } from './domain/ticket-types.js';

export interface TicketsContext extends BaseContext {
  logger: Logger;
  ticketTypes: TicketTypes;
  purchases: Purchases;
  reader: TicketReader;
  door: Door;
  /** Per request, so batching never mixes two viewers' answers. */
  loaders: Loaders;
}
