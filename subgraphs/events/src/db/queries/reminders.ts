import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '@sbor/db';
import type { PlannedReminder } from '../../domain/repositories.js';
import type { DueReminder } from '../../messaging/facts.js';
import { events } from '../events.js';
import { reminders } from '../reminders.js';

/** Writes the event's reminder rows; an (event, offset) that already has one keeps it. */
export async function insertReminders(db: Executor, eventId: string, planned: readonly PlannedReminder[]): Promise<void> {
  if (planned.length === 0) return;
  await db
    .insert(reminders)
    .values(planned.map((p) => ({ eventId, offset: p.offset, dueAt: p.dueAt })))
    .onConflictDoNothing({ target: [reminders.eventId, reminders.offset] });
}

/** Drops reminders not yet handled, e.g. when the event is cancelled. */
export async function dropPendingReminders(db: Executor, eventId: string): Promise<void> {
  await db.delete(reminders).where(and(eq(reminders.eventId, eventId), isNull(reminders.sentAt), isNull(reminders.skippedAt)));
}

export interface ClaimedReminder extends DueReminder {
  /**
   * True when sending it now would mislead: the event is no longer published or has started, or a
   * closer reminder of the same event is already due (the scheduler was down; "tomorrow" is wrong).
   */
  stale: boolean;
}

/**
 * Due, unhandled reminders, locked for the caller's transaction. `SKIP LOCKED` lets another
 * replica's claimer take other rows instead of waiting for (and then repeating) these.
 */
export async function claimDueReminders(tx: Tx, limit: number): Promise<ClaimedReminder[]> {
  // Aliased because `FOR UPDATE OF` takes an unqualified name and the table lives in a schema.
  const due = alias(reminders, 'due');
  const closer = alias(reminders, 'closer');
  const closerAlreadyDue = tx
    .select({ one: sql`1` })
    .from(closer)
    .where(and(eq(closer.eventId, due.eventId), gt(closer.dueAt, due.dueAt), lte(closer.dueAt, sql`now()`)));
  return tx
    .select({
      id: due.id,
      eventId: due.eventId,
      offset: due.offset,
      title: events.title,
      startsAt: events.startsAt,
      venue: events.venue,
      stale: sql<boolean>`(${events.status} <> 'PUBLISHED' or ${events.startsAt} <= now() or exists (${closerAlreadyDue}))`,
    })
    .from(due)
    .innerJoin(events, eq(events.id, due.eventId))
    .where(and(isNull(due.sentAt), isNull(due.skippedAt), lte(due.dueAt, sql`now()`)))
    .orderBy(asc(due.dueAt))
    .limit(limit)
    .for('update', { of: due, skipLocked: true });
}

export async function markReminders(db: Executor, ids: { sent: string[]; skipped: string[] }): Promise<void> {
  if (ids.sent.length > 0)
    await db
      .update(reminders)
      .set({ sentAt: sql`now()` })
      .where(inArray(reminders.id, ids.sent));
  if (ids.skipped.length > 0)
    await db
      .update(reminders)
      .set({ skippedAt: sql`now()` })
      .where(inArray(reminders.id, ids.skipped));
}
