/** Per-request batching: a list of tickets asks for its ticket types in one query, not one each. */
import DataLoader from 'dataloader';
import { isUuid, type Viewer } from '@sbor/core';
import type { DoorStaffRow } from './domain/door-repository.js';
import type { DoorStaffing } from './domain/door-staff.js';
import type { OrderReader } from './domain/order-reader.js';
import type { TicketReader } from './domain/reading.js';
import type { Vouchers } from './domain/vouchers.js';
import type { WaitingList } from './domain/waiting-list.js';
import type {
  OrderLineRow,
  OrderRow,
  PaymentRow,
  QuestionRow,
  TicketRow,
  TicketsRepositories,
  TicketTypeRow,
  VoucherRow,
  WaitingEntryWithPosition,
} from './domain/repositories.js';
import type { ScanConnectionView, ScanLog } from './domain/scan-log.js';
import type { OrderConnectionView, RefundView, SalesStatsView } from './domain/views.js';

export interface Loaders {
  ticketType: DataLoader<string, TicketTypeRow | null>;
  /** An event's ticket types as listed to this viewer: hidden ones only to the event's organizer. */
  ticketTypesOfEvent: DataLoader<string, TicketTypeRow[]>;
  questionsOfEvent: DataLoader<string, QuestionRow[]>;
  /** By id, for vouchers of orders already read through `visibleOrder`. */
  voucher: DataLoader<string, VoucherRow | null>;
  /** The organizer-only lists of an event: empty (stats null) for anyone else, scoped in SQL. */
  salesStatsOfEvent: DataLoader<string, SalesStatsView | null>;
  vouchersOfEvent: DataLoader<string, VoucherRow[]>;
  doorStaffOfEvent: DataLoader<string, DoorStaffRow[]>;
  /** Keyed by `eventKey(event id, the field's arguments)`: one query per set of arguments, for all the events. */
  waitingListOfEvent: DataLoader<string, WaitingEntryWithPosition[]>;
  ordersOfEvent: DataLoader<string, OrderConnectionView>;
  /** `Event.ticketTypes(voucherCode)`: the hidden types the event's voucher with this code unlocks. */
  unlockedTypesOfEvent: DataLoader<string, string[]>;
  checkInsOfEvent: DataLoader<string, ScanConnectionView>;
  /** `User.tickets`: the viewer's own, read once however many references to them a request holds. */
  ticketsOfUser: DataLoader<string, TicketRow[]>;
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

/** The key of an event's field read with these arguments, for the loaders batched by arguments. */
export const eventKey = (eventId: string, args: Record<string, unknown>) => JSON.stringify([eventId, args]);

/**
 * A batch of `eventKey`s, read with one call of `read` per distinct set of arguments (in a request,
 * usually one: every parent of a field is asked with the same arguments).
 */
async function byArguments<A, T>(
  keys: readonly string[],
  read: (eventIds: string[], args: A) => Promise<(eventId: string) => T>,
): Promise<T[]> {
  const wanted = keys.map((key) => JSON.parse(key) as [string, A]);
  const answers = new Map<string, (eventId: string) => T>();
  for (const args of new Set(wanted.map(([, args]) => JSON.stringify(args)))) {
    const eventIds = wanted.filter(([, a]) => JSON.stringify(a) === args).map(([eventId]) => eventId);
    answers.set(args, await read(eventIds, JSON.parse(args) as A));
  }
  return wanted.map(([eventId, args]) => answers.get(JSON.stringify(args))!(eventId));
}

export function createLoaders(
  repositories: Pick<TicketsRepositories, 'ticketTypes' | 'orders' | 'payments' | 'refunds' | 'questions' | 'vouchers'>,
  readers: {
    tickets: TicketReader;
    orders: OrderReader;
    vouchers: Vouchers;
    doorStaffing: DoorStaffing;
    waitingList: WaitingList;
    scanLog: ScanLog;
  },
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
    salesStatsOfEvent: new DataLoader(async (eventIds) => {
      const stats = await readers.tickets.salesStatsOf(viewer, eventIds);
      return eventIds.map((id) => stats.get(id) ?? null);
    }),
    vouchersOfEvent: new DataLoader(async (eventIds) =>
      grouped(eventIds, await readers.vouchers.ofEvents(viewer, eventIds), (r) => r.eventId),
    ),
    doorStaffOfEvent: new DataLoader(async (eventIds) =>
      grouped(eventIds, await readers.doorStaffing.ofEvents(viewer, eventIds), (r) => r.eventId),
    ),
    waitingListOfEvent: new DataLoader((keys) =>
      byArguments(keys, async (eventIds, { ticketTypeId }: { ticketTypeId: string | null }) => {
        const entries = await readers.waitingList.ofEvents(viewer, eventIds, ticketTypeId);
        return (eventId) => entries.filter((entry) => entry.eventId === eventId);
      }),
    ),
    unlockedTypesOfEvent: new DataLoader((keys) =>
      byArguments(keys, async (eventIds, { voucherCode }: { voucherCode: string }) => {
        const unlocked = await readers.vouchers.unlockedTypeIds(eventIds, voucherCode);
        return (eventId) => unlocked.get(eventId) ?? [];
      }),
    ),
    ordersOfEvent: new DataLoader((keys) =>
      byArguments(keys, async (eventIds, query: Parameters<OrderReader['ofEvents']>[2]) => {
        const pages = await readers.orders.ofEvents(viewer, eventIds, query);
        return (eventId) => pages.get(eventId)!;
      }),
    ),
    checkInsOfEvent: new DataLoader((keys) =>
      byArguments(keys, async (eventIds, page: Parameters<ScanLog['ofEvents']>[2]) => {
        const pages = await readers.scanLog.ofEvents(viewer, eventIds, page);
        return (eventId) => pages.get(eventId)!;
      }),
    ),
    ticketsOfUser: new DataLoader(async (userIds) => Promise.all(userIds.map((id) => readers.tickets.ofUser(viewer, id)))),
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
