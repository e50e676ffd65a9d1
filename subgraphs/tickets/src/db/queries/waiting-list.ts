import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, lte, notInArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db, type Executor, type Tx } from '@sbor/db';
import type { Fact } from '@sbor/messaging';
import { factRow } from '../../messaging/facts.js';
import { buyerHoldings, orderLines, orders, type OrderRow } from '../orders.js';
import { outbox } from '../outbox.js';
import { ticketTypes, type TicketTypeRow } from '../ticket-types.js';
import { waitingListEntries as entries, type WaitingEntryRow } from '../waiting-list.js';
import { holdingsOfBuyer } from './orders.js';
import { releaseOrders } from './release-orders.js';

/** An entry with its place in the queue: 1-based among the type's WAITING entries, null for the others. */
export type WaitingEntryWithPosition = WaitingEntryRow & { position: number | null };

/** An offer just made: the entry (OFFERED) and the hold in its user's name. */
export interface MadeOffer {
  entry: WaitingEntryRow;
  order: OrderRow;
  line: { ticketTypeId: string; quantity: number; unitPriceCents: number };
}

/** How offers are made, given by the domain: how long they hold, their order numbers and facts. */
export interface OfferTerms {
  minutes: number;
  orderNumber(): string;
  /** The facts of an offer (order.reserved, waitinglist.offered), written in its transaction. */
  factsFor(offer: MadeOffer): Fact[];
  /** An offer that failed: the stock freed stays on sale, and the next upkeep pass tries again. */
  failed?(error: unknown): void;
}

export type NewWaitingEntry = Pick<WaitingEntryRow, 'id' | 'ticketTypeId' | 'userId' | 'quantity'>;

// The outer row is named by its table in full: drizzle may render a bare column name, which the
// subquery would take for its own `w` and count every waiting entry there is.
const position = sql<number | null>`case when ${entries}.status = 'WAITING' then (
  select count(*) from ${entries} w
  where w.ticket_type_id = ${entries}.ticket_type_id and w.status = 'WAITING' and w.seq <= ${entries}.seq)::int end`;

async function withPosition(
  db: Executor,
  where: SQL | undefined,
  order: SQL[] = [asc(entries.seq)],
  limit = 1000,
): Promise<WaitingEntryWithPosition[]> {
  const rows = await db
    .select({ entry: entries, position })
    .from(entries)
    .where(where)
    .orderBy(...order)
    .limit(limit);
  return rows.map((r) => ({ ...r.entry, position: r.position }));
}

/**
 * Joins the type's waiting list, only while it is sold out (held plus sold reach its quantity) and
 * on sale, and only once per user and type while an entry is live: the conditional insert decides.
 * Undefined when it did not insert; the caller reads why.
 */
export async function joinWaitingList(db: Executor, entry: NewWaitingEntry): Promise<WaitingEntryWithPosition | undefined> {
  const inserted = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into ${entries} (id, ticket_type_id, event_id, organizer_id, user_id, quantity)
      select ${entry.id}, t.id, t.event_id, t.organizer_id, ${entry.userId}, ${entry.quantity}
      from ${ticketTypes} t
      where t.id = ${entry.ticketTypeId} and t.quantity - t.held - t.sold <= 0 and not t.sales_closed
      on conflict (user_id, ticket_type_id) where status in ('WAITING', 'OFFERED') do nothing
      returning id`),
  );
  if (inserted.length === 0) return undefined;
  return findEntry(db, entry.id, entry.userId);
}

/** The user's live entry (waiting or offered) for the type, if any. */
export async function liveEntryOf(db: Executor, userId: string, ticketTypeId: string): Promise<WaitingEntryRow | undefined> {
  const [row] = await db
    .select()
    .from(entries)
    .where(and(eq(entries.userId, userId), eq(entries.ticketTypeId, ticketTypeId), inArray(entries.status, ['WAITING', 'OFFERED'])));
  return row;
}

/** One of the user's own entries (scoped in SQL: someone else's is absent). */
export async function findEntry(db: Executor, id: string, userId: string): Promise<WaitingEntryWithPosition | undefined> {
  const [row] = await withPosition(db, and(eq(entries.id, id), eq(entries.userId, userId)));
  return row;
}

/** The user's entries, newest first. */
export function entriesOfUser(db: Executor, userId: string, limit: number): Promise<WaitingEntryWithPosition[]> {
  return withPosition(db, eq(entries.userId, userId), [desc(entries.seq)], limit);
}

const ENTRIES_PER_EVENT = 1000;

/** Events' waiting lists for their organizer, in arrival order, the first 1000 of each (scoped in SQL: anyone else gets none). */
export function entriesOfEvents(
  db: Executor,
  query: { eventIds: readonly string[]; organizerId: string; ticketTypeId?: string },
): Promise<WaitingEntryWithPosition[]> {
  if (query.eventIds.length === 0) return Promise.resolve([]);
  // Each event keeps the limit it had when read alone: its first entries, not the page's.
  const ranked = db
    .select({ id: entries.id, rank: sql<number>`row_number() over (partition by ${entries.eventId} order by ${entries.seq})`.as('rank') })
    .from(entries)
    .where(
      and(
        inArray(entries.eventId, [...query.eventIds]),
        eq(entries.organizerId, query.organizerId),
        query.ticketTypeId ? eq(entries.ticketTypeId, query.ticketTypeId) : undefined,
      ),
    )
    .as('ranked');
  const firstOfEach = db.select({ id: ranked.id }).from(ranked).where(lte(ranked.rank, ENTRIES_PER_EVENT));
  return withPosition(db, inArray(entries.id, firstOfEach), [asc(entries.seq)], ENTRIES_PER_EVENT * query.eventIds.length);
}

/**
 * The user leaves: a WAITING entry just becomes LEFT; an OFFERED one lets go of its hold too (the
 * order is CANCELLED and its stock goes to the next in line, in the same transaction). `left` says
 * whether this call did it; otherwise the entry is returned as it is (accepted, expired, or left before).
 */
export async function leaveWaitingList(
  db: Db,
  id: string,
  userId: string,
  terms: OfferTerms,
  factsFor: (ended: OrderRow[]) => Fact[],
): Promise<{ entry: WaitingEntryWithPosition; left: boolean } | undefined> {
  return db.transaction(async (tx) => {
    const mine = and(eq(entries.id, id), eq(entries.userId, userId));
    const waited = await tx
      .update(entries)
      .set({ status: 'LEFT', updatedAt: sql`now()` })
      .where(and(mine, eq(entries.status, 'WAITING')))
      .returning({ id: entries.id });
    let left = waited.length > 0;
    if (!left) {
      const [entry] = await tx.select().from(entries).where(mine);
      if (entry?.status === 'OFFERED' && entry.orderId) {
        // Locks the order, then the type, then this entry (LEFT): the order every stock change takes them in.
        const ended = await releaseOrders(tx, [entry.orderId], 'CANCELLED');
        if (ended.length > 0) {
          await writeFacts(tx, factsFor(ended));
          await offerFreedStock(tx, [entry.ticketTypeId], terms);
          left = true;
        }
      }
    }
    const found = await findEntry(tx, id, userId);
    return found && { entry: found, left };
  });
}

/**
 * Offers what is on sale of these types to their waiting lists, first come first served: each
 * time the first WAITING entry whose quantity fits what is left gets a hold in its user's name for
 * `terms.minutes` (an entry whose user would pass the type's `maxPerUser` is passed over for now).
 * Runs inside the transaction that freed the stock, after it took the types' row locks, so offers
 * of one type are made one transaction at a time and each entry is offered once (its status moves
 * WAITING → OFFERED under its row lock). A savepoint keeps a failed offer from undoing what freed the
 * stock: the stock then stays on sale and the upkeep pass offers it again.
 */
export async function offerFreedStock(tx: Tx, ticketTypeIds: readonly string[], terms: OfferTerms): Promise<MadeOffer[]> {
  if (ticketTypeIds.length === 0) return [];
  try {
    return await tx.transaction((savepoint) => offerEach(savepoint, [...new Set(ticketTypeIds)].sort(), terms));
  } catch (error) {
    terms.failed?.(error);
    return [];
  }
}

async function offerEach(tx: Tx, ticketTypeIds: string[], terms: OfferTerms): Promise<MadeOffer[]> {
  const now = new Date();
  const types = await tx
    .select()
    .from(ticketTypes)
    .where(inArray(ticketTypes.id, ticketTypeIds))
    .orderBy(asc(ticketTypes.id))
    .for('update');
  const made: MadeOffer[] = [];
  for (const type of types) {
    if (!onSale(type, now)) continue;
    let available = type.quantity - type.held - type.sold;
    const passedOver: string[] = [];
    while (available > 0) {
      const [entry] = await tx
        .select()
        .from(entries)
        .where(
          and(
            eq(entries.ticketTypeId, type.id),
            eq(entries.status, 'WAITING'),
            lte(entries.quantity, available),
            passedOver.length > 0 ? notInArray(entries.id, passedOver) : undefined,
          ),
        )
        .orderBy(asc(entries.seq))
        .limit(1)
        .for('update');
      if (!entry) break;
      if (type.maxPerUser !== null) {
        const holding = (await holdingsOfBuyer(tx, entry.userId, [type.id])).get(type.id) ?? 0;
        if (holding + entry.quantity > type.maxPerUser) {
          passedOver.push(entry.id);
          continue;
        }
      }
      const offer = await holdFor(tx, type, entry, terms, now);
      if (!offer) {
        passedOver.push(entry.id);
        continue;
      }
      made.push(offer);
      available -= entry.quantity;
    }
  }
  return made;
}

const onSale = (type: TicketTypeRow, now: Date) =>
  !type.salesClosed && type.salesStart <= now && type.salesEnd > now && type.eventEndsAt > now;

/** One offer: the hold (order, line, stock, the buyer's count for a limited type), the entry OFFERED, and the facts. */
async function holdFor(tx: Tx, type: TicketTypeRow, entry: WaitingEntryRow, terms: OfferTerms, now: Date): Promise<MadeOffer | undefined> {
  const expiresAt = new Date(now.getTime() + terms.minutes * 60_000);
  const [order] = await tx
    .insert(orders)
    .values({
      id: randomUUID(),
      number: terms.orderNumber(),
      eventId: type.eventId,
      organizerId: type.organizerId,
      buyerId: entry.userId,
      // One hold per entry, whatever happens: the (buyer, key) pair is unique.
      idempotencyKey: `waiting-list:${entry.id}`,
      status: 'RESERVED',
      totalCents: type.priceCents * entry.quantity,
      currency: type.currency,
      expiresAt,
    })
    .onConflictDoNothing()
    .returning();
  if (!order) {
    // The user placed an order of their own under this key: the entry cannot be offered.
    await tx.update(entries).set({ status: 'EXPIRED', updatedAt: now }).where(eq(entries.id, entry.id));
    return undefined;
  }
  const stocked = await tx
    .update(ticketTypes)
    .set({ held: sql`${ticketTypes.held} + ${entry.quantity}` })
    .where(
      and(
        eq(ticketTypes.id, type.id),
        sql`${ticketTypes.held} + ${ticketTypes.sold} + ${entry.quantity} <= ${ticketTypes.quantity}`,
        eq(ticketTypes.salesClosed, false),
      ),
    )
    .returning({ id: ticketTypes.id });
  if (stocked.length === 0) throw new Error(`offer of ${entry.quantity} of ${type.id} found less stock than its locked row showed`);
  const line = { ticketTypeId: type.id, quantity: entry.quantity, unitPriceCents: type.priceCents };
  await tx.insert(orderLines).values({ orderId: order.id, ...line, discountCents: 0 });
  if (type.maxPerUser !== null) {
    await tx
      .insert(buyerHoldings)
      .values({ buyerId: entry.userId, ticketTypeId: type.id, quantity: entry.quantity })
      .onConflictDoUpdate({
        target: [buyerHoldings.buyerId, buyerHoldings.ticketTypeId],
        set: { quantity: sql`${buyerHoldings.quantity} + excluded.quantity` },
      });
  }
  const [offered] = await tx
    .update(entries)
    .set({ status: 'OFFERED', orderId: order.id, offerExpiresAt: expiresAt, updatedAt: now })
    .where(and(eq(entries.id, entry.id), eq(entries.status, 'WAITING')))
    .returning();
  if (!offered) throw new Error(`waiting list entry ${entry.id} changed under its row lock`);
  const offer = { entry: offered, order, line };
  await writeFacts(tx, terms.factsFor(offer));
  return offer;
}

/**
 * The upkeep pass: stock on sale that a waiting entry fits (its stock came back while nobody
 * offered it, e.g. a join raced the expiry that freed it) is offered now. Types are taken with
 * `FOR UPDATE SKIP LOCKED`, so replicas each take different ones and none waits. Entries of types
 * whose sales are over expire.
 */
export async function offerWaitingStock(db: Db, terms: OfferTerms, limit: number): Promise<MadeOffer[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`
      update ${entries} e set status = 'EXPIRED', updated_at = now()
      from ${ticketTypes} t
      where e.ticket_type_id = t.id and e.status = 'WAITING' and (t.sales_closed or t.sales_end <= now() or t.event_ends_at <= now())`);
    const due = rowsOf<{ id: string }>(
      await tx.execute(sql`
        select t.id from ${ticketTypes} t
        where not t.sales_closed and t.sales_start <= now() and t.sales_end > now() and t.event_ends_at > now()
          and t.held + t.sold < t.quantity
          and exists (select 1 from ${entries} e where e.ticket_type_id = t.id and e.status = 'WAITING' and e.quantity <= t.quantity - t.held - t.sold)
        order by t.id
        limit ${limit}
        for update of t skip locked`),
    );
    return offerFreedStock(
      tx,
      due.map((r) => r.id),
      terms,
    );
  });
}

/** An event was cancelled: its waiting lists close (inside the cancellation's transaction). */
export async function closeWaitingListsOfEvent(tx: Tx, eventId: string): Promise<void> {
  await tx
    .update(entries)
    .set({ status: 'EXPIRED', updatedAt: sql`now()` })
    .where(and(eq(entries.eventId, eventId), eq(entries.status, 'WAITING')));
}

export async function writeFacts(tx: Tx, facts: Fact[]): Promise<void> {
  if (facts.length > 0) await tx.insert(outbox).values(facts.map(factRow));
}
