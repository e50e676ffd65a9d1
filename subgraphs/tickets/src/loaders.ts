/** Per-request batching: a list of tickets asks for its ticket types in one query, not one each. */
import DataLoader from 'dataloader';
import { isUuid, type Viewer } from '@sbor/core';
import type { OrderReader } from './domain/order-reader.js';
import type { TicketReader } from './domain/reading.js';
import type {
  OrderLineRow,
  OrderRow,
  PaymentRow,
  QuestionRow,
  TicketRow,
  TicketsRepositories,
  TicketTypeRow,
  VoucherRow,
} from './domain/repositories.js';
import type { RefundView } from './domain/views.js';

export interface Loaders {
  ticketType: DataLoader<string, TicketTypeRow | null>;
  /** An event's ticket types as listed to this viewer: hidden ones only to the event's organizer. */
  ticketTypesOfEvent: DataLoader<string, TicketTypeRow[]>;
  questionsOfEvent: DataLoader<string, QuestionRow[]>;
  /** By id, for vouchers of orders already read through `visibleOrder`. */
  voucher: DataLoader<string, VoucherRow | null>;
  /** Tickets this request's viewer may read; null for the rest. */
  visibleTicket: DataLoader<string, TicketRow | null>;
  /** Orders this request's viewer may read (buyer or organizer); null for the rest. */
  visibleOrder: DataLoader<string, OrderRow | null>;
  /** By order id, for orders already read through `visibleOrder`. */
  orderLines: DataLoader<string, OrderLineRow[]>;
  orderTickets: DataLoader<string, TicketRow[]>;
  /** The latest payment started for an order. */
  orderPayment: DataLoader<string, PaymentRow | null>;
  orderRefunds: DataLoader<string, RefundView[]>;
}

const grouped = <T>(ids: readonly string[], rows: T[], keyOf: (row: T) => string) => ids.map((id) => rows.filter((r) => keyOf(r) === id));

export function createLoaders(
  repositories: Pick<TicketsRepositories, 'ticketTypes' | 'orders' | 'payments' | 'refunds' | 'questions' | 'vouchers'>,
  readers: { tickets: TicketReader; orders: OrderReader },
  viewer: Viewer | null,
): Loaders {
  const { ticketTypes, orders, payments, refunds, questions, vouchers } = repositories;
  return {
    ticketType: new DataLoader(async (ids) => {
      const rows = await ticketTypes.byIds(ids.filter(isUuid));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    ticketTypesOfEvent: new DataLoader(async (eventIds) => {
      const listed = (await ticketTypes.ofEvents(eventIds.filter(isUuid))).filter((t) => !t.hidden || t.organizerId === viewer?.userId);
      return grouped(eventIds, listed, (r) => r.eventId);
    }),
    questionsOfEvent: new DataLoader(async (eventIds) =>
      grouped(eventIds, await questions.ofEvents(eventIds.filter(isUuid)), (r) => r.eventId),
    ),
    voucher: new DataLoader(async (ids) => {
      const byId = new Map((await vouchers.byIds(ids.filter(isUuid))).map((v) => [v.id, v]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    visibleTicket: new DataLoader(async (ids) => {
      const visible = await readers.tickets.visible(viewer, ids);
      return ids.map((id) => visible.get(id) ?? null);
    }),
    visibleOrder: new DataLoader(async (ids) => {
      const visible = await readers.orders.visible(viewer, ids);
      return ids.map((id) => visible.get(id) ?? null);
    }),
    orderLines: new DataLoader(async (ids) => grouped(ids, await orders.lines(ids), (r) => r.orderId)),
    orderTickets: new DataLoader(async (ids) => grouped(ids, await orders.tickets(ids), (r) => r.orderId)),
    orderPayment: new DataLoader(async (ids) => grouped(ids, await payments.ofOrders(ids), (r) => r.orderId).map((p) => p[0] ?? null)),
    orderRefunds: new DataLoader(async (ids) => grouped(ids, await refunds.ofOrders(ids), (r) => r.orderId)),
  };
}
