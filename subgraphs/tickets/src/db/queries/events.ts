import { eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@sbor/db';
import { cancelledEvents } from '../cancelled-events.js';

const eventLockKey = (eventId: string) => sql`hashtextextended(${`tickets.event:${eventId}`}, 0)`;

/**
 * Purchases of one event hold this lock shared (they do not block each other); the cancellation
 * consumer takes it exclusively, so it waits for sales in flight and sales wait for it.
 */
export async function lockEventForSale(tx: Tx, eventId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${eventLockKey(eventId)})`);
}

export async function lockEventForCancellation(tx: Tx, eventId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${eventLockKey(eventId)})`);
}

export async function isEventCancelled(db: Executor, eventId: string): Promise<boolean> {
  const rows = await db.select({ id: cancelledEvents.eventId }).from(cancelledEvents).where(eq(cancelledEvents.eventId, eventId));
  return rows.length > 0;
}

export async function recordEventCancelled(tx: Tx, eventId: string, cancelledAt: Date, reason: string | null): Promise<void> {
  await tx.insert(cancelledEvents).values({ eventId, cancelledAt, reason }).onConflictDoNothing();
}
