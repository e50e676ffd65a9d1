/** Reading events: the public listing, single events, an organizer's own, and the internal read. */
import { isUuid, type Viewer } from '@sbor/core';
import { requireOrganizer } from './access.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { EventStatus, EventView, ScheduleItemView } from './model.js';
import type { EventRepository } from './repositories.js';
import type { ListingInput } from './validation.js';

export interface EventPage {
  edges: { cursor: string; node: EventView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export class Catalog {
  constructor(private readonly events: EventRepository) {}

  /** Published events that have not ended, soonest first, one keyset page at a time. */
  async page({ first, after, filter }: ListingInput): Promise<EventPage> {
    const rows = await this.events.listPublished({
      categoryId: filter?.categoryId ?? undefined,
      from: filter?.from ?? undefined,
      to: filter?.to ?? undefined,
      search: filter?.search || undefined,
      after: after ? decodeCursor(after) : undefined,
      // One more than asked: whether it exists is hasNextPage, without a count query.
      limit: first + 1,
    });
    const nodes = rows.slice(0, first);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /** Events by id as `viewer` may see them (a draft only by its organizer); absent ids are missing from the map. */
  async visible(ids: readonly string[], viewer: Viewer | null): Promise<Map<string, EventView>> {
    const rows = await this.events.visibleTo(ids.filter(isUuid), viewer?.userId ?? null);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async mine(organizer: Viewer, status: EventStatus | null | undefined): Promise<EventView[]> {
    const { userId } = requireOrganizer(organizer);
    return this.events.ownedBy(userId, status ?? undefined);
  }

  schedules(eventIds: readonly string[]): Promise<Map<string, ScheduleItemView[]>> {
    return this.events.schedules(eventIds);
  }

  /** Any event, whatever its status: only for the router-secret-protected internal read. */
  async anyById(id: string): Promise<EventView | undefined> {
    return isUuid(id) ? this.events.findById(id) : undefined;
  }
}
