/**
 * The tickets repositories in memory, for spec tests of the domain without a database. Each method
 * runs without awaiting in between, so, like the one SQL statement it stands for, it is atomic.
 * It mirrors the SQL's rules: stock (`held + sold ≤ quantity`), per-buyer limits, voucher uses
 * within `maxUses`, one order per (buyer, key), holds ended once, waiting-list offers made once,
 * webhooks applied once, owner scoping.
 */
import { randomUUID } from 'node:crypto';
import type { Fact } from '@sbor/messaging';
import { holdingKey, offerInMemory, organizerToolsInMemory, type OrderHooks } from './in-memory-tools.js';
import type {
  NewTicketType,
  OrderLineRow,
  OrderRow,
  PaymentRow,
  QuestionRow,
  RefundRow,
  TicketRow,
  TicketsRepositories,
  TicketTypeRow,
  VoucherRow,
  WaitingEntryRow,
} from './repositories.js';

export interface TicketsMemory {
  ticketTypes: Map<string, TicketTypeRow>;
  orders: OrderRow[];
  lines: OrderLineRow[];
  tickets: TicketRow[];
  payments: PaymentRow[];
  refunds: (RefundRow & { ticketIds: string[] })[];
  /** buyer|type → tickets held across live orders, for limited types. */
  holdings: Map<string, number>;
  webhooks: Set<string>;
  /** Events whose cancellation closed their sales. */
  cancelledEvents: Set<string>;
  /** What was written to the outbox, in order: `{ topic, key }` of each fact. */
  outbox: { id: string; topic: string; key: string; payload: string }[];
  vouchers: VoucherRow[];
  questions: QuestionRow[];
  /** Waiting-list entries in arrival order (`seq`). */
  waiting: WaitingEntryRow[];
}
const factRows = (facts: Fact[]) =>
  facts.map((f) => ({
    id: f.id,
    topic: f.event,
    key: (f.data as { order_id?: string; ticket_id?: string }).order_id ?? (f.data as { ticket_id?: string }).ticket_id ?? f.id,
    payload: JSON.stringify(f),
  }));

export function inMemoryTicketsRepositories(): TicketsRepositories & { memory: TicketsMemory } {
  const memory: TicketsMemory = {
    ticketTypes: new Map(),
    orders: [],
    lines: [],
    tickets: [],
    payments: [],
    refunds: [],
    holdings: new Map(),
    webhooks: new Set(),
    cancelledEvents: new Set(),
    outbox: [],
    vouchers: [],
    questions: [],
    waiting: [],
  };
  const organizerOf = (ticket: TicketRow) => memory.ticketTypes.get(ticket.ticketTypeId)?.organizerId;
  const linesOf = (orderId: string) => memory.lines.filter((l) => l.orderId === orderId);
  const newestFirst = (a: OrderRow, b: OrderRow) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id);

  const addHoldings = (buyerId: string, lines: { ticketTypeId: string; quantity: number }[], sign: 1 | -1) => {
    for (const line of lines) {
      if (memory.ticketTypes.get(line.ticketTypeId)?.maxPerUser == null) continue;
      const key = holdingKey(buyerId, line.ticketTypeId);
      memory.holdings.set(key, Math.max(0, (memory.holdings.get(key) ?? 0) + sign * line.quantity));
    }
  };

  /** Ends holds still RESERVED, as `releaseOrders` does: stock, the buyers' counts and vouchers' uses back, offers ended, payments withdrawn. */
  const release = (ids: readonly string[], status: 'EXPIRED' | 'CANCELLED', offers: 'EXPIRED' | 'LEFT') => {
    const ended = memory.orders.filter((o) => ids.includes(o.id) && o.status === 'RESERVED');
    for (const order of ended) {
      Object.assign(order, { status, closedAt: new Date() });
      for (const line of linesOf(order.id)) memory.ticketTypes.get(line.ticketTypeId)!.held -= line.quantity;
      addHoldings(order.buyerId, linesOf(order.id), -1);
      const voucher = memory.vouchers.find((v) => v.id === order.voucherId);
      if (voucher) voucher.used = Math.max(0, voucher.used - order.voucherUses);
      for (const e of memory.waiting.filter((e) => e.orderId === order.id && e.status === 'OFFERED'))
        Object.assign(e, { status: offers, updatedAt: new Date() });
      for (const p of memory.payments.filter((p) => p.orderId === order.id && p.status === 'PENDING')) p.status = 'CANCELLED';
    }
    return ended.map((o) => ({ ...o }));
  };
  /** As `tickets.wait_to_order`: seconds until the buyer's `perMinute`-th newest order of the last minute leaves it. */
  const waitToOrder = (buyerId: string, perMinute: number) => {
    const now = Date.now();
    const recent = memory.orders.filter((o) => o.buyerId === buyerId && o.createdAt.getTime() > now - 60_000).sort(newestFirst);
    const limiting = recent[perMinute - 1];
    return limiting ? Math.max(1, Math.ceil((limiting.createdAt.getTime() + 60_000 - now) / 1000)) : 0;
  };
  const hooks: OrderHooks = { release, write: (facts) => void memory.outbox.push(...factRows(facts)) };
  const insertType = (values: NewTicketType): TicketTypeRow => {
    const row = {
      id: randomUUID(),
      sold: 0,
      held: 0,
      salesClosed: false,
      hidden: false,
      maxPerUser: null,
      createdAt: new Date(),
      ...values,
    } as TicketTypeRow;
    memory.ticketTypes.set(row.id, row);
    return row;
  };

  return {
    memory,
    ...organizerToolsInMemory(memory, hooks),
    ticketTypes: {
      insert: async (values) => insertType(values),
      insertWithin: async (values, limit) => {
        const taken = [...memory.ticketTypes.values()].filter((t) => t.eventId === values.eventId).length;
        return taken >= limit ? 'LIMIT_REACHED' : insertType(values);
      },
      find: async (id) => memory.ticketTypes.get(id),
      byIds: async (ids) => ids.flatMap((id) => memory.ticketTypes.get(id) ?? []),
      // Copies, as a query reads them: a reader comparing two reads (live stock) must see a change.
      ofEvents: async (eventIds) => [...memory.ticketTypes.values()].filter((t) => eventIds.includes(t.eventId)).map((t) => ({ ...t })),
      seatsLeft: async (id) => {
        const type = memory.ticketTypes.get(id);
        return type ? type.quantity - type.held - type.sold : 0;
      },
      salesByType: async (eventIds) =>
        [...memory.ticketTypes.values()]
          .filter((t) => eventIds.includes(t.eventId))
          .map((ticketType) => {
            const own = memory.tickets.filter((t) => t.ticketTypeId === ticketType.id);
            const refunded = new Set(memory.refunds.flatMap((r) => r.ticketIds));
            const kept = own.filter((t) => !refunded.has(t.id));
            const priceOf = (t: TicketRow) => {
              const line = memory.lines.find((l) => l.orderId === t.orderId && l.ticketTypeId === t.ticketTypeId);
              return line ? line.unitPriceCents - Math.floor(line.discountCents / line.quantity) : 0;
            };
            return {
              ticketType,
              issued: own.length,
              checkedIn: own.filter((t) => t.status === 'USED').length,
              cancelled: own.filter((t) => t.status === 'CANCELLED').length,
              refunded: own.length - kept.length,
              revenueCents: kept.reduce((sum, t) => sum + priceOf(t), 0),
            };
          }),
    },
    orders: {
      place: async ({ order, lines, mode, tickets, facts, perMinute }) => {
        if (memory.orders.some((o) => o.buyerId === order.buyerId && o.idempotencyKey === order.idempotencyKey)) return 'DUPLICATE';
        const wait = waitToOrder(order.buyerId, perMinute);
        if (wait > 0) return { retryAfterSeconds: wait };
        const fits = lines.every((line) => {
          const type = memory.ticketTypes.get(line.ticketTypeId);
          if (!type || type.eventId !== order.eventId || type.salesClosed || memory.cancelledEvents.has(order.eventId)) return false;
          if (type.held + type.sold + line.quantity > type.quantity) return false;
          const held = memory.holdings.get(holdingKey(order.buyerId, line.ticketTypeId)) ?? 0;
          return type.maxPerUser === null || held + line.quantity <= type.maxPerUser;
        });
        const wanted = order.voucher;
        const voucher = wanted ? memory.vouchers.find((v) => v.id === wanted.id && v.eventId === order.eventId) : undefined;
        const now = new Date();
        const redeemable =
          !wanted ||
          (voucher !== undefined &&
            (voucher.maxUses === null || voucher.used + wanted.uses <= voucher.maxUses) &&
            (!voucher.validFrom || voucher.validFrom <= now) &&
            (!voucher.validUntil || voucher.validUntil > now));
        if (!fits || !redeemable) return 'REFUSED';
        if (voucher && wanted) voucher.used += wanted.uses;
        for (const line of lines) {
          const type = memory.ticketTypes.get(line.ticketTypeId)!;
          if (mode === 'sell') type.sold += line.quantity;
          else type.held += line.quantity;
        }
        addHoldings(order.buyerId, lines, 1);
        const { voucher: redeemed, ...columns } = order;
        memory.orders.push({
          ...columns,
          status: mode === 'sell' ? 'PAID' : 'RESERVED',
          createdAt: now,
          paidAt: mode === 'sell' ? now : null,
          closedAt: null,
          voucherId: redeemed?.id ?? null,
          voucherUses: redeemed?.uses ?? 0,
        });
        memory.lines.push(
          ...lines.map((l) => ({
            orderId: order.id,
            ticketTypeId: l.ticketTypeId,
            quantity: l.quantity,
            unitPriceCents: l.unitPriceCents,
            discountCents: l.discountCents,
          })),
        );
        memory.tickets.push(...tickets.map((t) => issued(t, order.id, order.eventId, order.buyerId)));
        memory.outbox.push(...facts);
        return 'PLACED';
      },
      pay: async ({ orderId, paymentId, webhook, tickets, facts }) => {
        if (webhook) {
          const key = `${webhook.provider}|${webhook.eventId}`;
          if (memory.webhooks.has(key)) return 'ALREADY_APPLIED';
          memory.webhooks.add(key);
        }
        const order = memory.orders.find((o) => o.id === orderId);
        const payment = memory.payments.find((p) => p.id === paymentId);
        // A withdrawn payment pays nothing (a declined one may still succeed on a retry).
        if (!order || order.status !== 'RESERVED' || (paymentId && payment?.status !== 'PENDING' && payment?.status !== 'FAILED'))
          return 'NOT_RESERVED';
        Object.assign(order, { status: 'PAID', paidAt: new Date(), expiresAt: null });
        for (const line of linesOf(orderId)) {
          const type = memory.ticketTypes.get(line.ticketTypeId)!;
          type.held -= line.quantity;
          type.sold += line.quantity;
        }
        if (payment) payment.status = 'SUCCEEDED';
        for (const e of memory.waiting.filter((e) => e.orderId === orderId && e.status === 'OFFERED'))
          Object.assign(e, { status: 'ACCEPTED', updatedAt: new Date() });
        for (const other of memory.payments.filter((p) => p.orderId === orderId && p.id !== paymentId && p.status === 'PENDING'))
          other.status = 'CANCELLED';
        memory.tickets.push(...tickets.map((t) => issued(t, order.id, order.eventId, order.buyerId)));
        memory.outbox.push(...facts);
        return 'PAID';
      },
      find: async (id) => memory.orders.find((o) => o.id === id),
      findByKey: async (buyerId, key) => memory.orders.find((o) => o.buyerId === buyerId && o.idempotencyKey === key),
      visibleTo: async (ids, viewerId) =>
        memory.orders.filter((o) => ids.includes(o.id) && (o.buyerId === viewerId || o.organizerId === viewerId)),
      lines: async (orderIds) => memory.lines.filter((l) => orderIds.includes(l.orderId)),
      tickets: async (orderIds) => memory.tickets.filter((t) => orderIds.includes(t.orderId)).sort((a, b) => a.code.localeCompare(b.code)),
      ofBuyer: async (buyerId, cursor, limit) =>
        memory.orders
          .filter((o) => o.buyerId === buyerId && before(o, cursor))
          .sort(newestFirst)
          .slice(0, limit),
      ofEvents: async (query, cursor, limit) => {
        const matching = memory.orders
          .filter((o) => o.organizerId === query.organizerId && (!query.status || o.status === query.status) && before(o, cursor))
          .sort(newestFirst);
        return [...new Set(query.eventIds)].flatMap((eventId) => matching.filter((o) => o.eventId === eventId).slice(0, limit));
      },
      release: async (which, status, factsFor, offers) => {
        const candidates =
          'ids' in which
            ? memory.orders.filter((o) => which.ids.includes(o.id))
            : memory.orders.filter((o) => o.status === 'RESERVED' && o.expiresAt && o.expiresAt <= which.dueBy).slice(0, which.limit);
        const ended = release(
          candidates.map((o) => o.id),
          status,
          status === 'EXPIRED' ? 'EXPIRED' : 'LEFT',
        );
        hooks.write(factsFor(ended));
        if (offers) {
          const types = ended.flatMap((o) => linesOf(o.id).map((l) => l.ticketTypeId));
          offerInMemory(memory, types, offers, hooks);
        }
        return ended;
      },
      extendHold: async (orderId, until) => {
        const order = memory.orders.find((o) => o.id === orderId && o.status === 'RESERVED');
        if (order && order.expiresAt && order.expiresAt < until) order.expiresAt = until;
      },
      heldBy: async (buyerId, typeIds) =>
        new Map(
          typeIds.flatMap((id) =>
            memory.holdings.has(holdingKey(buyerId, id)) ? [[id, memory.holdings.get(holdingKey(buyerId, id))!] as const] : [],
          ),
        ),
    },
    payments: {
      insert: async (values) => {
        const row = {
          providerRef: null,
          checkoutUrl: null,
          clientSecret: null,
          instructions: null,
          createdAt: new Date(),
          updatedAt: new Date(),
          ...values,
        } as PaymentRow;
        memory.payments.push(row);
        return row;
      },
      find: async (id) => memory.payments.find((p) => p.id === id),
      findByRef: async (provider, ref) => memory.payments.find((p) => p.provider === provider && p.providerRef === ref),
      ofOrders: async (orderIds) => memory.payments.filter((p) => orderIds.includes(p.orderId)).reverse(),
      close: async (id, status) => {
        const payment = memory.payments.find((p) => p.id === id && p.status === 'PENDING');
        if (payment) payment.status = status;
      },
      succeed: async (id) => {
        const payment = memory.payments.find((p) => p.id === id);
        if (payment) payment.status = 'SUCCEEDED';
      },
      recordWebhook: async (provider, eventId) => {
        const key = `${provider}|${eventId}`;
        if (memory.webhooks.has(key)) return false;
        memory.webhooks.add(key);
        return true;
      },
    },
    refunds: {
      ofOrders: async (orderIds) => memory.refunds.filter((r) => orderIds.includes(r.orderId)),
      refundableCents: async (orderId) => {
        const paid = memory.payments
          .filter((p) => p.orderId === orderId && p.status === 'SUCCEEDED')
          .reduce((s, p) => s + p.amountCents, 0);
        const refunded = memory.refunds
          .filter((r) => r.orderId === orderId && r.status !== 'FAILED')
          .reduce((s, r) => s + r.amountCents, 0);
        return Math.max(0, paid - refunded);
      },
      apply: async (refund, options, factsFor) => {
        const order = memory.orders.find((o) => o.id === refund.orderId)!;
        memory.refunds.push({ ...refund, ticketIds: [...refund.ticketIds], createdAt: new Date(), completedAt: new Date() });
        const cancelled = memory.tickets.filter(
          (t) => t.orderId === order.id && refund.ticketIds.includes(t.id) && t.status !== 'CANCELLED',
        );
        for (const ticket of cancelled) {
          Object.assign(ticket, { status: 'CANCELLED', cancelledAt: new Date() });
          if (options.returnStock) memory.ticketTypes.get(ticket.ticketTypeId)!.sold -= 1;
        }
        if (options.returnStock && options.offers) {
          offerInMemory(
            memory,
            cancelled.map((t) => t.ticketTypeId),
            options.offers,
            hooks,
          );
        }
        addHoldings(
          order.buyerId,
          cancelled.map((t) => ({ ticketTypeId: t.ticketTypeId, quantity: 1 })),
          -1,
        );
        if (refund.ticketIds.length > 0 && (order.status === 'PAID' || order.status === 'PARTIALLY_REFUNDED')) {
          order.status = memory.tickets.some((t) => t.orderId === order.id && t.status !== 'CANCELLED') ? 'PARTIALLY_REFUNDED' : 'REFUNDED';
        }
        const result = { status: order.status, cancelled: cancelled.map((t) => ({ ...t })) };
        memory.outbox.push(...factRows(factsFor(result)));
        return result;
      },
      settlePending: async (limit, settle) => {
        let settled = 0;
        for (const refund of memory.refunds.filter((r) => r.status === 'PENDING').slice(0, limit)) {
          const order = memory.orders.find((o) => o.id === refund.orderId)!;
          const payment = memory.payments.find((p) => p.id === refund.paymentId);
          const { ticketIds, ...row } = refund;
          const outcome = await settle({ refund: row, order: { ...order }, payment: payment && { ...payment }, ticketIds: [...ticketIds] });
          if (!outcome || refund.status !== 'PENDING') continue;
          Object.assign(refund, { status: 'SUCCEEDED', providerRef: outcome.providerRef, completedAt: new Date() });
          if (order.status === 'PAID' || order.status === 'PARTIALLY_REFUNDED') {
            order.status = memory.tickets.some((t) => t.orderId === order.id && t.status !== 'CANCELLED')
              ? 'PARTIALLY_REFUNDED'
              : 'REFUNDED';
          }
          memory.outbox.push(...factRows(outcome.factsFor(order.status)));
          settled++;
        }
        return settled;
      },
    },
    tickets: {
      ofOwner: async (ownerId) =>
        memory.tickets
          .filter((t) => t.ownerId === ownerId)
          .sort((a, b) => b.purchasedAt.getTime() - a.purchasedAt.getTime() || a.code.localeCompare(b.code)),
      visibleTo: async (ids, viewerId) =>
        memory.tickets.filter((t) => ids.includes(t.id) && (t.ownerId === viewerId || organizerOf(t) === viewerId)),
      find: async (id) => memory.tickets.find((t) => t.id === id),
      replaceQrPayload: async (id, from, to) => {
        const ticket = memory.tickets.find((t) => t.id === id && t.qrPayload === from);
        if (ticket) ticket.qrPayload = to;
      },
    },
  };
}

function issued(
  t: {
    id: string;
    ticketTypeId: string;
    code: string;
    qrPayload: string;
    attendeeName?: string | null;
    attendeeEmail?: string | null;
    answers?: TicketRow['answers'];
  },
  orderId: string,
  eventId: string,
  ownerId: string,
): TicketRow {
  return {
    ...t,
    attendeeName: t.attendeeName ?? null,
    attendeeEmail: t.attendeeEmail ?? null,
    answers: t.answers ?? [],
    status: 'ACTIVE',
    eventId,
    orderId,
    ownerId,
    purchasedAt: new Date(),
    checkedInAt: null,
    checkedInBy: null,
    cancelledAt: null,
  };
}

const before = (order: OrderRow, cursor: { createdAt: Date; id: string } | undefined) =>
  !cursor ||
  order.createdAt.getTime() < cursor.createdAt.getTime() ||
  (order.createdAt.getTime() === cursor.createdAt.getTime() && order.id < cursor.id);
