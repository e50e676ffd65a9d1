/**
 * The tickets repositories in memory, for spec tests of the domain without a database. Each method
 * runs without awaiting in between, so, like the one SQL statement it stands for, a sale is atomic.
 */
import { randomUUID } from 'node:crypto';
import type { PurchaseRow, SaleRecord, TicketRow, TicketsRepositories, TicketTypeRow } from './repositories.js';

export interface TicketsMemory {
  ticketTypes: Map<string, TicketTypeRow>;
  purchases: PurchaseRow[];
  tickets: TicketRow[];
  /** Events whose cancellation closed their sales. */
  cancelledEvents: Set<string>;
  /** What was written to the outbox, in order. */
  outbox: SaleRecord['facts'];
}

export function inMemoryTicketsRepositories(): TicketsRepositories & { memory: TicketsMemory } {
  const memory: TicketsMemory = { ticketTypes: new Map(), purchases: [], tickets: [], cancelledEvents: new Set(), outbox: [] };
  const byOwnerNewestFirst = (a: TicketRow, b: TicketRow) =>
    b.purchasedAt.getTime() - a.purchasedAt.getTime() || a.code.localeCompare(b.code);
  const organizerOf = (ticket: TicketRow) => memory.ticketTypes.get(ticket.ticketTypeId)?.organizerId;
  return {
    memory,
    ticketTypes: {
      insert: async (values) => {
        const row: TicketTypeRow = { id: randomUUID(), sold: 0, salesClosed: false, createdAt: new Date(), ...values } as TicketTypeRow;
        memory.ticketTypes.set(row.id, row);
        return row;
      },
      find: async (id) => memory.ticketTypes.get(id),
      byIds: async (ids) => ids.flatMap((id) => memory.ticketTypes.get(id) ?? []),
      ofEvents: async (eventIds) => [...memory.ticketTypes.values()].filter((t) => eventIds.includes(t.eventId)),
      seatsLeft: async (id) => {
        const type = memory.ticketTypes.get(id);
        return type ? type.quantity - type.sold : 0;
      },
      salesByType: async (eventId) =>
        [...memory.ticketTypes.values()]
          .filter((t) => t.eventId === eventId)
          .map((ticketType) => {
            const own = memory.tickets.filter((t) => t.ticketTypeId === ticketType.id);
            return {
              ticketType,
              checkedIn: own.filter((t) => t.status === 'USED').length,
              cancelled: own.filter((t) => t.status === 'CANCELLED').length,
            };
          }),
    },
    sales: {
      findPurchase: async (userId, key) => memory.purchases.find((p) => p.userId === userId && p.idempotencyKey === key),
      ticketsOfPurchase: async (purchaseId) =>
        memory.tickets.filter((t) => t.purchaseId === purchaseId).sort((a, b) => a.code.localeCompare(b.code)),
      recordSale: async ({ purchase, purchasedAt, tickets, facts }) => {
        if (memory.purchases.some((p) => p.userId === purchase.userId && p.idempotencyKey === purchase.idempotencyKey)) return 'DUPLICATE';
        const type = memory.ticketTypes.get(purchase.ticketTypeId);
        const closed = (type?.salesClosed ?? false) || memory.cancelledEvents.has(purchase.eventId);
        if (!type || closed || type.sold + purchase.quantity > type.quantity) return closed ? 'CANCELLED' : 'SOLD_OUT';
        type.sold += purchase.quantity;
        memory.purchases.push({ ...purchase, createdAt: purchasedAt });
        for (const t of tickets) {
          memory.tickets.push({
            ...t,
            status: 'ACTIVE',
            eventId: purchase.eventId,
            ticketTypeId: purchase.ticketTypeId,
            purchaseId: purchase.id,
            ownerId: purchase.userId,
            purchasedAt,
            checkedInAt: null,
            checkedInBy: null,
            cancelledAt: null,
          });
        }
        memory.outbox.push(...facts);
        return 'SOLD';
      },
    },
    tickets: {
      ofOwner: async (ownerId) => memory.tickets.filter((t) => t.ownerId === ownerId).sort(byOwnerNewestFirst),
      visibleTo: async (ids, viewerId) =>
        memory.tickets.filter((t) => ids.includes(t.id) && (t.ownerId === viewerId || organizerOf(t) === viewerId)),
      forOrganizer: async (by, organizerId) =>
        memory.tickets.find((t) => ('code' in by ? t.code === by.code : t.id === by.id) && organizerOf(t) === organizerId),
      find: async (id) => memory.tickets.find((t) => t.id === id),
      checkIn: async (ticketId, by) => {
        const ticket = memory.tickets.find((t) => t.id === ticketId && t.status === 'ACTIVE');
        if (!ticket) return undefined;
        Object.assign(ticket, { status: 'USED', checkedInAt: new Date(), checkedInBy: by });
        return { ...ticket };
      },
    },
  };
}
