import { asc, eq, gt, inArray, lt, or, and, count } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { ScheduleItemView } from '../../domain/model.js';
import type { NewScheduleItem } from '../../domain/repositories.js';
import { scheduleItems } from '../schedule-items.js';

/** Replaces an event's whole programme; run it inside the transaction that holds the event's lock. */
export async function replaceSchedule(db: Executor, eventId: string, items: readonly NewScheduleItem[]): Promise<void> {
  await db.delete(scheduleItems).where(eq(scheduleItems.eventId, eventId));
  if (items.length === 0) return;
  await db.insert(scheduleItems).values(items.map((item, position) => ({ ...item, eventId, position })));
}

/** The programmes of several events, each ordered by start, then the organizer's order. */
export async function schedulesOf(db: Executor, eventIds: readonly string[]): Promise<Map<string, ScheduleItemView[]>> {
  const byEvent = new Map<string, ScheduleItemView[]>(eventIds.map((id) => [id, []]));
  if (eventIds.length === 0) return byEvent;
  const rows = await db
    .select()
    .from(scheduleItems)
    .where(inArray(scheduleItems.eventId, [...eventIds]))
    .orderBy(asc(scheduleItems.startsAt), asc(scheduleItems.position));
  for (const { eventId, id, title, startsAt, endsAt, speaker, location } of rows) {
    byEvent.get(eventId)?.push({ id, title, startsAt, endsAt, speaker, location });
  }
  return byEvent;
}

/** How many of the event's items would fall outside [startsAt, endsAt]: moving a draft must keep its programme inside. */
export async function countItemsOutside(db: Executor, eventId: string, startsAt: Date, endsAt: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(scheduleItems)
    .where(and(eq(scheduleItems.eventId, eventId), or(lt(scheduleItems.startsAt, startsAt), gt(scheduleItems.endsAt, endsAt))));
  return row?.n ?? 0;
}
