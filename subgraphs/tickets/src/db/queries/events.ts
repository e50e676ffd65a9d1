import { sql } from 'drizzle-orm';
import type { Tx } from '@sbor/db';
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

export async function recordEventCancelled(tx: Tx, eventId: string, cancelledAt: Date, reason: string | null): Promise<void> {
  await tx.insert(cancelledEvents).values({ eventId, cancelledAt, reason }).onConflictDoNothing();
}
