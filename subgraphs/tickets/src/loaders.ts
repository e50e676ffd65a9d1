/** Per-request batching: a list of tickets asks for its ticket types in one query, not one each. */
import DataLoader from 'dataloader';
import { isUuid, type Viewer } from '@sbor/core';
import type { TicketReader } from './domain/reading.js';
import type { TicketRow, TicketTypeRepository, TicketTypeRow } from './domain/repositories.js';

export interface Loaders {
  ticketType: DataLoader<string, TicketTypeRow | null>;
  ticketTypesOfEvent: DataLoader<string, TicketTypeRow[]>;
  /** Tickets this request's viewer may read; null for the rest. */
  visibleTicket: DataLoader<string, TicketRow | null>;
}

export function createLoaders(ticketTypes: TicketTypeRepository, reader: TicketReader, viewer: Viewer | null): Loaders {
  return {
    ticketType: new DataLoader(async (ids) => {
      const rows = await ticketTypes.byIds(ids.filter(isUuid));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ticketTypesOfEvent: new DataLoader(async (eventIds) => {
      const rows = await ticketTypes.ofEvents(eventIds.filter(isUuid));
      return eventIds.map((id) => rows.filter((r) => r.eventId === id));
    }),
    visibleTicket: new DataLoader(async (ids) => {
      const visible = await reader.visible(viewer, ids);
      return ids.map((id) => visible.get(id) ?? null);
    }),
  };
}
