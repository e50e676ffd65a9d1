import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { EventView } from '../../domain/model.js';
import type { NewEvent, PublicListing } from '../../domain/repositories.js';
import { events, type EventRow } from '../events.js';
import { effectiveStatus, hasStatus, visibleTo } from './status.js';

/** Every column the API shows, with the status as of now; never the search vector. */
const eventView = {
  id: events.id,
  organizerId: events.organizerId,
  categoryId: events.categoryId,
  title: events.title,
  description: events.description,
  venue: events.venue,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  status: effectiveStatus,
  publishedAt: events.publishedAt,
  cancelledAt: events.cancelledAt,
  cancellationReason: events.cancellationReason,
};

export type EventChanges = Partial<
  Pick<
    EventRow,
    | 'categoryId'
    | 'title'
    | 'description'
    | 'venue'
    | 'startsAt'
    | 'endsAt'
    | 'status'
    | 'publishedAt'
    | 'cancelledAt'
    | 'cancellationReason'
  >
>;

export async function insertEvent(db: Executor, values: NewEvent): Promise<EventView> {
  const [row] = await db.insert(events).values(values).returning(eventView);
  return row!;
}

/**
 * The organizer's own event, locked until the transaction ends so two changes to it run one
 * after the other. Scoped by owner in SQL: someone else's event is simply not found.
 */
export async function lockOwnEvent(db: Executor, id: string, organizerId: string): Promise<EventView | undefined> {
  const [row] = await db
    .select(eventView)
    .from(events)
    .where(and(eq(events.id, id), eq(events.organizerId, organizerId)))
    .for('update');
  return row;
}

export async function updateEvent(db: Executor, id: string, changes: EventChanges): Promise<EventView> {
  const [row] = await db
    .update(events)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(events.id, id))
    .returning(eventView);
  return row!;
}

/** Any event by id, whatever its status: for the service's own internal read, not for the API. */
export async function findEventById(db: Executor, id: string): Promise<EventView | undefined> {
  const [row] = await db.select(eventView).from(events).where(eq(events.id, id));
  return row;
}

/** The events among `ids` that `viewerId` (null: anonymous) may see. */
export async function findVisibleEvents(db: Executor, ids: readonly string[], viewerId: string | null): Promise<EventView[]> {
  if (ids.length === 0) return [];
  return db
    .select(eventView)
    .from(events)
    .where(and(inArray(events.id, [...ids]), visibleTo(viewerId)));
}

export async function listOwnEvents(db: Executor, organizerId: string, status?: EventView['status']): Promise<EventView[]> {
  return db
    .select(eventView)
    .from(events)
    .where(and(eq(events.organizerId, organizerId), status ? hasStatus(status) : undefined))
    .orderBy(asc(events.startsAt), asc(events.id));
}

/**
 * Published events that have not ended, in (starts_at, id) order, after the cursor position.
 * A keyset rather than an offset: events inserted meanwhile never shift or repeat a page.
 */
export async function listPublishedEvents(db: Executor, listing: PublicListing): Promise<EventView[]> {
  const conditions: (SQL | undefined)[] = [
    hasStatus('PUBLISHED'),
    listing.categoryId ? eq(events.categoryId, listing.categoryId) : undefined,
    listing.from ? gte(events.startsAt, listing.from) : undefined,
    listing.to ? lt(events.startsAt, listing.to) : undefined,
    listing.search ? sql`${events.search} @@ websearch_to_tsquery('english', ${listing.search})` : undefined,
    listing.after
      ? sql`(${events.startsAt}, ${events.id}) > (${listing.after.startsAt.toISOString()}::timestamptz, ${listing.after.id}::uuid)`
      : undefined,
  ];
  return db
    .select(eventView)
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(listing.limit);
}
