/**
 * Vouchers, questions, waiting lists and exports in memory, for spec tests: the same rules as their
 * SQL (db/queries/vouchers.ts, questions.ts, waiting-list.ts, exports.ts), on the memory of
 * `in-memory.ts`. Like the rest of it, each method runs without awaiting in between, so it is atomic.
 */
import { randomUUID } from 'node:crypto';
import type { Fact } from '@sbor/messaging';
import type { ExportRepository } from './exports.js';
import type { TicketsMemory } from './in-memory.js';
import type { MadeOffer, OfferTerms, OrderRow, TicketsRepositories, WaitingEntryRow, WaitingEntryWithPosition } from './repositories.js';

export const holdingKey = (buyerId: string, ticketTypeId: string) => `${buyerId}|${ticketTypeId}`;

/** What the tools need from the orders' memory: ending holds as `release` does, and writing facts. */
export interface OrderHooks {
  release(ids: readonly string[], status: 'EXPIRED' | 'CANCELLED', offers: 'EXPIRED' | 'LEFT'): OrderRow[];
  write(facts: Fact[]): void;
}

const live = (e: WaitingEntryRow) => e.status === 'WAITING' || e.status === 'OFFERED';

function withPosition(memory: TicketsMemory, entry: WaitingEntryRow): WaitingEntryWithPosition {
  const position =
    entry.status === 'WAITING'
      ? memory.waiting.filter((w) => w.ticketTypeId === entry.ticketTypeId && w.status === 'WAITING' && w.seq <= entry.seq).length
      : null;
  return { ...entry, position };
}

/** First come first served: the first WAITING entry each type's stock fits gets a hold, as `offerFreedStock` does. */
export function offerInMemory(memory: TicketsMemory, ticketTypeIds: readonly string[], terms: OfferTerms, hooks: OrderHooks): MadeOffer[] {
  const now = new Date();
  const made: MadeOffer[] = [];
  for (const id of [...new Set(ticketTypeIds)].sort()) {
    const type = memory.ticketTypes.get(id);
    if (!type || type.salesClosed || type.salesStart > now || type.salesEnd <= now || type.eventEndsAt <= now) continue;
    let available = type.quantity - type.held - type.sold;
    const passedOver = new Set<string>();
    while (available > 0) {
      const entry = memory.waiting
        .filter((e) => e.ticketTypeId === id && e.status === 'WAITING' && e.quantity <= available && !passedOver.has(e.id))
        .sort((a, b) => a.seq - b.seq)[0];
      if (!entry) break;
      const key = holdingKey(entry.userId, id);
      if (type.maxPerUser !== null && (memory.holdings.get(key) ?? 0) + entry.quantity > type.maxPerUser) {
        passedOver.add(entry.id);
        continue;
      }
      const idempotencyKey = `waiting-list:${entry.id}`;
      if (memory.orders.some((o) => o.buyerId === entry.userId && o.idempotencyKey === idempotencyKey)) {
        Object.assign(entry, { status: 'EXPIRED', updatedAt: now });
        passedOver.add(entry.id);
        continue;
      }
      const expiresAt = new Date(now.getTime() + terms.minutes * 60_000);
      const order: OrderRow = {
        id: randomUUID(),
        number: terms.orderNumber(),
        eventId: type.eventId,
        organizerId: type.organizerId,
        buyerId: entry.userId,
        idempotencyKey,
        status: 'RESERVED',
        totalCents: type.priceCents * entry.quantity,
        currency: type.currency,
        expiresAt,
        createdAt: now,
        paidAt: null,
        closedAt: null,
        voucherId: null,
        voucherUses: 0,
        attendees: null,
      };
      const line = { ticketTypeId: id, quantity: entry.quantity, unitPriceCents: type.priceCents };
      memory.orders.push(order);
      memory.lines.push({ orderId: order.id, ...line, discountCents: 0 });
      type.held += entry.quantity;
      if (type.maxPerUser !== null) memory.holdings.set(key, (memory.holdings.get(key) ?? 0) + entry.quantity);
      Object.assign(entry, { status: 'OFFERED', orderId: order.id, offerExpiresAt: expiresAt, updatedAt: now });
      const offer = { entry: { ...entry }, order: { ...order }, line };
      hooks.write(terms.factsFor(offer));
      made.push(offer);
      available -= entry.quantity;
    }
  }
  return made;
}

export function organizerToolsInMemory(
  memory: TicketsMemory,
  hooks: OrderHooks,
): Pick<TicketsRepositories, 'vouchers' | 'questions' | 'waitingList'> {
  return {
    vouchers: {
      insert: async (values) => {
        const taken = memory.vouchers.some((v) => v.eventId === values.eventId && v.code.toLowerCase() === values.code.toLowerCase());
        if (taken) return 'CODE_TAKEN';
        const row = { ticketTypeIds: [], maxUses: null, validFrom: null, validUntil: null, ...values, used: 0, createdAt: new Date() };
        memory.vouchers.push(row);
        return { ...row };
      },
      byCode: async (eventId, code) => {
        const voucher = memory.vouchers.find((v) => v.eventId === eventId && v.code.toLowerCase() === code.toLowerCase());
        return voucher && { ...voucher };
      },
      byCodeOfEvents: async (eventIds, code) =>
        memory.vouchers.filter((v) => eventIds.includes(v.eventId) && v.code.toLowerCase() === code.toLowerCase()).map((v) => ({ ...v })),
      byIds: async (ids) => memory.vouchers.filter((v) => ids.includes(v.id)).map((v) => ({ ...v })),
      ofEvents: async (eventIds, organizerId) =>
        memory.vouchers.filter((v) => eventIds.includes(v.eventId) && v.organizerId === organizerId),
    },
    questions: {
      replace: async (eventId, questions) => {
        memory.questions = memory.questions.filter((q) => q.eventId !== eventId);
        const rows = questions.map((q) => ({ options: [], ...q, createdAt: new Date() }));
        memory.questions.push(...rows);
        return rows;
      },
      ofEvents: async (eventIds) => memory.questions.filter((q) => eventIds.includes(q.eventId)).sort((a, b) => a.position - b.position),
    },
    waitingList: {
      join: async ({ id, ticketTypeId, userId, quantity }) => {
        const type = memory.ticketTypes.get(ticketTypeId);
        if (!type || type.salesClosed || type.quantity - type.held - type.sold > 0) return undefined;
        if (memory.waiting.some((e) => e.userId === userId && e.ticketTypeId === ticketTypeId && live(e))) return undefined;
        const now = new Date();
        const entry: WaitingEntryRow = {
          id,
          seq: memory.waiting.length + 1,
          ticketTypeId,
          eventId: type.eventId,
          organizerId: type.organizerId,
          userId,
          quantity,
          status: 'WAITING',
          orderId: null,
          offerExpiresAt: null,
          createdAt: now,
          updatedAt: now,
        };
        memory.waiting.push(entry);
        return withPosition(memory, entry);
      },
      liveEntry: async (userId, ticketTypeId) =>
        memory.waiting.find((e) => e.userId === userId && e.ticketTypeId === ticketTypeId && live(e)),
      find: async (id, userId) => {
        const entry = memory.waiting.find((e) => e.id === id && e.userId === userId);
        return entry && withPosition(memory, entry);
      },
      ofUser: async (userId, limit) =>
        memory.waiting
          .filter((e) => e.userId === userId)
          .sort((a, b) => b.seq - a.seq)
          .slice(0, limit)
          .map((e) => withPosition(memory, e)),
      ofEvents: async ({ eventIds, organizerId, ticketTypeId }) =>
        memory.waiting
          .filter(
            (e) => eventIds.includes(e.eventId) && e.organizerId === organizerId && (!ticketTypeId || e.ticketTypeId === ticketTypeId),
          )
          .sort((a, b) => a.seq - b.seq)
          .map((e) => withPosition(memory, e)),
      leave: async (id, userId, offers, factsFor) => {
        const entry = memory.waiting.find((e) => e.id === id && e.userId === userId);
        if (!entry) return undefined;
        let left = false;
        if (entry.status === 'WAITING') {
          Object.assign(entry, { status: 'LEFT', updatedAt: new Date() });
          left = true;
        } else if (entry.status === 'OFFERED' && entry.orderId) {
          const ended = hooks.release([entry.orderId], 'CANCELLED', 'LEFT');
          if (ended.length > 0) {
            hooks.write(factsFor(ended));
            offerInMemory(memory, [entry.ticketTypeId], offers, hooks);
            left = true;
          }
        }
        return { entry: withPosition(memory, entry), left };
      },
      offerWaiting: async (offers) => {
        const now = new Date();
        for (const entry of memory.waiting.filter((e) => e.status === 'WAITING')) {
          const type = memory.ticketTypes.get(entry.ticketTypeId)!;
          if (type.salesClosed || type.salesEnd <= now || type.eventEndsAt <= now)
            Object.assign(entry, { status: 'EXPIRED', updatedAt: now });
        }
        const waitedFor = memory.waiting.filter((e) => e.status === 'WAITING').map((e) => e.ticketTypeId);
        return offerInMemory(memory, waitedFor, offers, hooks);
      },
    },
  };
}

/** `rows` in batches of `size`, as the database cursor hands them out. */
async function* inBatches<T>(rows: T[], size: number): AsyncGenerator<T[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

/** The exports' reads as `db/queries/exports.ts` makes them, each scoped to the organizer. */
export function exportsInMemory(memory: TicketsMemory): ExportRepository {
  const typeName = (id: string) => memory.ticketTypes.get(id)?.name ?? '';
  return {
    knownOrganizer: async (eventId) => [...memory.ticketTypes.values()].find((t) => t.eventId === eventId)?.organizerId,
    questions: async (eventId, organizerId) =>
      memory.questions
        .filter((q) => q.eventId === eventId && q.organizerId === organizerId)
        .sort((a, b) => a.position - b.position)
        .map((q) => ({ id: q.id, label: q.label })),
    orders: (eventId, organizerId, batchSize) => {
      const rows = memory.orders
        .filter((o) => o.eventId === eventId && o.organizerId === organizerId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
        .map((o) => {
          const lines = memory.lines.filter((l) => l.orderId === o.id);
          return {
            number: o.number,
            status: o.status,
            created_at: o.createdAt,
            paid_at: o.paidAt,
            buyer_id: o.buyerId,
            total_cents: o.totalCents,
            currency: o.currency,
            items: lines.length > 0 ? lines.map((l) => `${typeName(l.ticketTypeId)} × ${l.quantity}`).join('; ') : null,
            tickets: memory.tickets.filter((t) => t.orderId === o.id).length,
            refunded_cents: memory.refunds
              .filter((r) => r.orderId === o.id && r.status === 'SUCCEEDED')
              .reduce((sum, r) => sum + r.amountCents, 0),
            voucher_code: memory.vouchers.find((v) => v.id === o.voucherId)?.code ?? null,
          };
        });
      return inBatches(rows, batchSize);
    },
    attendees: (eventId, organizerId, batchSize) => {
      const rows = memory.tickets
        .filter((t) => t.eventId === eventId && memory.ticketTypes.get(t.ticketTypeId)?.organizerId === organizerId)
        .sort((a, b) => a.purchasedAt.getTime() - b.purchasedAt.getTime() || a.id.localeCompare(b.id))
        .map((t) => ({
          ticket_id: t.id,
          order_number: memory.orders.find((o) => o.id === t.orderId)!.number,
          attendee_name: t.attendeeName,
          attendee_email: t.attendeeEmail,
          owner_id: t.ownerId,
          ticket_type: typeName(t.ticketTypeId),
          status: t.status,
          checked_in_at: t.checkedInAt,
          answers: t.answers,
        }));
      return inBatches(rows, batchSize);
    },
  };
}
