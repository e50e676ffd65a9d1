import { and, eq, gt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { EventStatus } from '../../domain/model.js';
import { events } from '../events.js';

/**
 * The status as of the statement's `now()`. COMPLETED is derived rather than stored so it holds
 * the moment `ends_at` passes, with no job racing the clock.
 */
export const effectiveStatus = sql<EventStatus>`(case when ${events.status} = 'PUBLISHED' and ${events.endsAt} <= now() then 'COMPLETED' else ${events.status}::text end)`;

/** The SQL condition "the event's status as of now is `status`". */
export function hasStatus(status: EventStatus): SQL {
  switch (status) {
    case 'COMPLETED':
      return and(eq(events.status, 'PUBLISHED'), lte(events.endsAt, sql`now()`))!;
    case 'PUBLISHED':
      return and(eq(events.status, 'PUBLISHED'), gt(events.endsAt, sql`now()`))!;
    default:
      return eq(events.status, status);
  }
}

/** Drafts are visible to their organizer only; everything else to everyone. */
export function visibleTo(viewerId: string | null): SQL {
  return viewerId ? sql`(${ne(events.status, 'DRAFT')} or ${eq(events.organizerId, viewerId)})` : ne(events.status, 'DRAFT');
}
