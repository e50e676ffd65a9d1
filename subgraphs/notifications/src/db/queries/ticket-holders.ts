import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { HolderFact } from '../../domain/repositories.js';
import { ticketHolders, type HolderStatus } from '../ticket-holders.js';

/**
 * Facts of one ticket arrive on different topics, so in any order. A purchase never overwrites a
 * later state (USED, CANCELLED); check-in and cancellation always win.
 */
export async function recordPurchase(db: Executor, fact: HolderFact & { status: HolderStatus }): Promise<void> {
  await db
    .insert(ticketHolders)
    .values({ ...fact, code: fact.code ?? null })
    .onConflictDoUpdate({ target: ticketHolders.ticketId, set: { code: sql`coalesce(${ticketHolders.code}, excluded.code)` } });
}

export async function recordCheckin(db: Executor, fact: HolderFact): Promise<void> {
  await db
    .insert(ticketHolders)
    .values({ ...fact, status: 'USED' })
    .onConflictDoUpdate({
      target: ticketHolders.ticketId,
      set: {
        status: sql`case when ${ticketHolders.status} = 'CANCELLED' then ${ticketHolders.status} else 'USED' end`,
        updatedAt: new Date(),
      },
    });
}

export async function recordCancellation(db: Executor, fact: HolderFact & { reason: string }): Promise<void> {
  await db
    .insert(ticketHolders)
    .values({ ...fact, code: fact.code ?? null, status: 'CANCELLED', cancelReason: fact.reason })
    .onConflictDoUpdate({
      target: ticketHolders.ticketId,
      set: { status: 'CANCELLED', cancelReason: fact.reason, updatedAt: new Date() },
    });
}

export async function findHolder(db: Executor, ticketId: string) {
  const [row] = await db.select().from(ticketHolders).where(eq(ticketHolders.ticketId, ticketId));
  return row;
}

/**
 * Distinct people holding a ticket of the event. `cancelledEvent`: also those whose tickets were
 * cancelled because the event was (those facts may come before event.cancelled), but not those
 * who had cancelled for another reason before.
 */
export async function holdersOfEvent(
  db: Executor,
  eventId: string,
  options: { statuses: readonly HolderStatus[]; includeEventCancelled?: boolean },
): Promise<string[]> {
  const byStatus = inArray(ticketHolders.status, [...options.statuses]);
  const cancelledWithEvent = and(eq(ticketHolders.status, 'CANCELLED'), eq(ticketHolders.cancelReason, 'EVENT_CANCELLED'));
  const rows = await db
    .selectDistinct({ userId: ticketHolders.userId })
    .from(ticketHolders)
    .where(and(eq(ticketHolders.eventId, eventId), options.includeEventCancelled ? or(byStatus, cancelledWithEvent) : byStatus))
    .orderBy(ticketHolders.userId);
  return rows.map((r) => r.userId);
}
