import { eq, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { EventDetails } from '../../domain/repositories.js';
import { events, type EventRow } from '../events.js';
import { inIdList } from './id-list.js';

/** Latest known title, venue and start; fields a fact does not carry keep their value. */
export async function rememberEvent(db: Executor, details: EventDetails): Promise<void> {
  await db
    .insert(events)
    .values({ eventId: details.eventId, title: details.title, venue: details.venue ?? null, startsAt: details.startsAt ?? null })
    .onConflictDoUpdate({
      target: events.eventId,
      set: {
        title: details.title,
        venue: sql`coalesce(excluded.venue, ${events.venue})`,
        startsAt: sql`coalesce(excluded.starts_at, ${events.startsAt})`,
        updatedAt: new Date(),
      },
    });
}

export async function rememberCancellation(
  db: Executor,
  details: EventDetails & { cancelFactId: string; cancelledAt: Date; reason: string | null },
): Promise<void> {
  await rememberEvent(db, details);
  await db
    .update(events)
    .set({ cancelFactId: details.cancelFactId, cancelledAt: details.cancelledAt, cancelReason: details.reason })
    .where(eq(events.eventId, details.eventId));
}

export async function findEvent(db: Executor, eventId: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.eventId, eventId));
  return row;
}

export async function findEvents(db: Executor, eventIds: readonly string[]): Promise<EventRow[]> {
  if (eventIds.length === 0) return [];
  return db.select().from(events).where(inIdList(events.eventId, eventIds));
}
