import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import type { HolderFact } from '../../domain/repositories.js';
import { ticketHolders, type HolderStatus } from '../ticket-holders.js';

/**
 * Facts of one ticket arrive on different topics, so in any order. A purchase never overwrites a
 * later state (USED, CANCELLED); check-in and cancellation always win.
 */
export async function recordPurchases(db: Executor, facts: readonly (HolderFact & { status: HolderStatus })[]): Promise<void> {
  // One statement may not upsert a row twice: a ticket named twice is recorded once.
  const byTicket = new Map<string, HolderFact & { status: HolderStatus }>();
  for (const fact of facts) if (!byTicket.has(fact.ticketId)) byTicket.set(fact.ticketId, fact);
  if (byTicket.size === 0) return;
  // One JSON parameter: the same prepared statement for a batch of any size (see insertNotifications).
  const records = [...byTicket.values()].map((h) => ({
    ticket_id: h.ticketId,
    event_id: h.eventId,
    user_id: h.userId,
    status: h.status,
  }));
  await db.execute(sql`
    insert into ${ticketHolders} (ticket_id, event_id, user_id, status)
    select r.ticket_id, r.event_id, r.user_id, r.status
    from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(ticket_id uuid, event_id uuid, user_id uuid, status text)
    -- Rows are locked in ticket order: a batch of order.paid and one of ticket.purchased naming
    -- the same tickets (two partitions, two transactions) wait for each other, never deadlock.
    order by r.ticket_id
    on conflict (ticket_id) do nothing`);
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
    .values({ ...fact, status: 'CANCELLED', cancelReason: fact.reason })
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
