/** Reading events: the public listing, single events, an organizer's own, and the internal read. */
import type { Viewer } from '@sbor/core';
import type { Db } from '@sbor/db';
import { findEventById, findVisibleEvents, listOwnEvents, listPublishedEvents } from '../db/queries/events.js';
import { schedulesOf } from '../db/queries/schedule.js';
import { requireOrganizer } from './access.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { EventStatus, EventView, ScheduleItemView } from './model.js';
import { isId, listingInput, parseInput } from './validation.js';

export interface EventPage {
  edges: { cursor: string; node: EventView }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export class Catalog {
  constructor(private readonly db: Db) {}

  /** Published events that have not ended, soonest first, one keyset page at a time. */
  async page(args: unknown): Promise<EventPage> {
    const { first, after, filter } = parseInput(listingInput, args);
    const rows = await listPublishedEvents(this.db, {
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
    const rows = await findVisibleEvents(this.db, ids.filter(isId), viewer?.userId ?? null);
    return new Map(rows.map((row) => [row.id, row]));
  }

  async mine(viewer: Viewer | null, status: EventStatus | null | undefined): Promise<EventView[]> {
    const { userId } = requireOrganizer(viewer);
    return listOwnEvents(this.db, userId, status ?? undefined);
  }

  async schedules(eventIds: readonly string[]): Promise<Map<string, ScheduleItemView[]>> {
    return schedulesOf(this.db, eventIds);
  }

  /** Any event, whatever its status: only for the router-secret-protected internal read. */
  async anyById(id: string): Promise<EventView | undefined> {
    return isId(id) ? findEventById(this.db, id) : undefined;
  }
}
