/**
 * What the tickets domain needs from storage, as interfaces: the drizzle implementation is
 * `db/repositories.ts`, an in-memory one for spec tests is `domain/in-memory.ts`. Every method that
 * changes state and must be heard about writes its fact in the same transaction (the outbox).
 */
import type { Fact } from '@sbor/messaging';
import type { OrderLineRow, OrderRow, OrderStatus } from '../db/orders.js';
import type { PaymentProviderName, PaymentRow, RefundRow } from '../db/payments.js';
import type { NewPayment, OrderCursor } from '../db/queries/orders.js';
import type { OrderPayment, PaymentOutcome } from '../db/queries/pay-order.js';
import type { OrderPlacement, PlacementOutcome } from '../db/queries/place-order.js';
import type { RefundRecord } from '../db/queries/refunds.js';
import type { TypeSalesRow } from '../db/queries/stats.js';
import type { NewTicketType } from '../db/queries/ticket-types.js';
import type { NewQuestion } from '../db/queries/questions.js';
import type { NewVoucher } from '../db/queries/vouchers.js';
import type { MadeOffer, NewWaitingEntry, OfferTerms, WaitingEntryWithPosition } from '../db/queries/waiting-list.js';
import type { AnswerRecord, AttendeeRecord, QuestionKind, QuestionRow } from '../db/questions.js';
import type { TicketTypeRow } from '../db/ticket-types.js';
import type { TicketRow } from '../db/tickets.js';
import type { VoucherKind, VoucherRow } from '../db/vouchers.js';
import type { WaitingEntryRow, WaitingStatus } from '../db/waiting-list.js';

export type {
  AnswerRecord,
  AttendeeRecord,
  MadeOffer,
  NewQuestion,
  NewVoucher,
  NewWaitingEntry,
  OfferTerms,
  QuestionKind,
  QuestionRow,
  VoucherKind,
  VoucherRow,
  WaitingEntryRow,
  WaitingEntryWithPosition,
  WaitingStatus,
  NewPayment,
  NewTicketType,
  OrderCursor,
  OrderLineRow,
  OrderPayment,
  OrderPlacement,
  OrderRow,
  OrderStatus,
  PaymentOutcome,
  PaymentProviderName,
  PaymentRow,
  PlacementOutcome,
  RefundRecord,
  RefundRow,
  TicketRow,
  TicketTypeRow,
  TypeSalesRow,
};

export interface TicketTypeRepository {
  insert(values: NewTicketType): Promise<TicketTypeRow>;
  /** Inserts unless the event already has `limit` types; the count and insert cannot be raced. */
  insertWithin(values: NewTicketType, limit: number): Promise<TicketTypeRow | 'LIMIT_REACHED'>;
  find(id: string): Promise<TicketTypeRow | undefined>;
  byIds(ids: readonly string[]): Promise<TicketTypeRow[]>;
  /** Oldest first, per event. */
  ofEvents(eventIds: readonly string[]): Promise<TicketTypeRow[]>;
  seatsLeft(id: string): Promise<number>;
  /** Per type of the events, oldest type first: the type, and how many of its tickets were used or cancelled. */
  salesByType(eventIds: readonly string[]): Promise<TypeSalesRow[]>;
}

/** Facts to write with a change, made from what the change returned. */
export type FactsFor<T> = (changed: T) => Fact[];

export interface OrderRepository {
  /** The whole order in one statement, all or nothing: never more held plus sold than exist, however many buyers race. */
  place(placement: OrderPlacement): Promise<PlacementOutcome>;
  /** A RESERVED order paid in one statement: holds become sales, tickets are issued, facts written. */
  pay(payment: OrderPayment): Promise<PaymentOutcome>;
  find(id: string): Promise<OrderRow | undefined>;
  findByKey(buyerId: string, idempotencyKey: string): Promise<OrderRow | undefined>;
  /** Those of `ids` the viewer buys or organizes; the rest are absent. */
  visibleTo(ids: readonly string[], viewerId: string): Promise<OrderRow[]>;
  lines(orderIds: readonly string[]): Promise<OrderLineRow[]>;
  tickets(orderIds: readonly string[]): Promise<TicketRow[]>;
  ofBuyer(buyerId: string, cursor: OrderCursor | undefined, limit: number): Promise<OrderRow[]>;
  /** Up to `limit` orders of each of the events `organizerId` organizes (scoped in the query), newest first. */
  ofEvents(
    query: { eventIds: readonly string[]; organizerId: string; status: OrderStatus | undefined },
    cursor: OrderCursor | undefined,
    limit: number,
  ): Promise<OrderRow[]>;
  /**
   * Ends the holds of RESERVED orders (the given ones, or up to `limit` due ones, each taken by one
   * sweeper only), returns their stock and their vouchers' uses, ends the waiting-list offers they
   * held, writes `factsFor(ended)`, and offers the stock to the types' waiting lists on `offers`'
   * terms, in one transaction.
   */
  release(
    which: { ids: readonly string[] } | { dueBy: Date; limit: number },
    status: 'EXPIRED' | 'CANCELLED',
    factsFor: FactsFor<OrderRow[]>,
    offers?: OfferTerms,
  ): Promise<OrderRow[]>;
  extendHold(orderId: string, until: Date): Promise<void>;
  /** How many tickets of each of these limited types the buyer holds across live orders. */
  heldBy(buyerId: string, ticketTypeIds: readonly string[]): Promise<Map<string, number>>;
}

export interface PaymentRepository {
  insert(values: NewPayment): Promise<PaymentRow>;
  find(id: string): Promise<PaymentRow | undefined>;
  findByRef(provider: PaymentProviderName, ref: string): Promise<PaymentRow | undefined>;
  ofOrders(orderIds: readonly string[]): Promise<PaymentRow[]>;
  close(id: string, status: 'CANCELLED' | 'FAILED'): Promise<void>;
  /** Marks a payment SUCCEEDED on its own: one that came after its order's hold ended. */
  succeed(id: string): Promise<void>;
  /** Marks a webhook applied; true the first time it is seen. */
  recordWebhook(provider: PaymentProviderName, eventId: string): Promise<boolean>;
}

export interface RefundRepository {
  ofOrders(orderIds: readonly string[]): Promise<(RefundRow & { ticketIds: string[] })[]>;
  /** What of the order's payments has not been given back. */
  refundableCents(orderId: string): Promise<number>;
  /**
   * A refund the provider has made: records it, cancels its tickets (returning their stock when
   * asked, and offering it to the waiting lists on `offers`' terms), settles the order's status
   * and writes `factsFor(status, cancelled)`, in one transaction.
   */
  apply(
    refund: RefundRecord & { status: 'SUCCEEDED' },
    options: { returnStock: boolean; offers?: OfferTerms },
    factsFor: FactsFor<{ status: OrderStatus; cancelled: TicketRow[] }>,
  ): Promise<{ status: OrderStatus; cancelled: TicketRow[] }>;
  /**
   * Takes up to `limit` PENDING refunds, one worker each, and runs `settle` on each inside its lock,
   * with the order, payment and tickets read in that same transaction: `settle` must not read
   * through the repositories while the lock is held (one embedded PGlite connection would wait on
   * itself).
   */
  settlePending(
    limit: number,
    settle: (pending: PendingRefund) => Promise<{ providerRef: string | null; factsFor: FactsFor<OrderStatus> } | undefined>,
  ): Promise<number>;
}

/** A queued refund with what sending it needs. */
export interface PendingRefund {
  refund: RefundRow;
  order: OrderRow;
  payment: PaymentRow | undefined;
  ticketIds: string[];
}

export interface TicketRepository {
  ofOwner(ownerId: string): Promise<TicketRow[]>;
  /** Those of `ids` that `viewerId` holds or organizes; the rest are absent. */
  visibleTo(ids: readonly string[], viewerId: string): Promise<TicketRow[]>;
  find(id: string): Promise<TicketRow | undefined>;
  /** Stores a re-signed payload unless another read already replaced `from`. */
  replaceQrPayload(id: string, from: string, to: string): Promise<void>;
}

export interface VoucherRepository {
  /** CODE_TAKEN when the event has a voucher with this code in any case. */
  insert(values: NewVoucher): Promise<VoucherRow | 'CODE_TAKEN'>;
  /** The event's voucher with this code, whatever its case. */
  byCode(eventId: string, code: string): Promise<VoucherRow | undefined>;
  /** `byCode` for each of the events, in one query. */
  byCodeOfEvents(eventIds: readonly string[], code: string): Promise<VoucherRow[]>;
  byIds(ids: readonly string[]): Promise<VoucherRow[]>;
  /** The vouchers of those of the events `organizerId` organizes (scoped in the query), oldest first. */
  ofEvents(eventIds: readonly string[], organizerId: string): Promise<VoucherRow[]>;
}

export interface QuestionRepository {
  /** The event's questions become these, all at once. */
  replace(eventId: string, questions: readonly NewQuestion[]): Promise<QuestionRow[]>;
  /** Each event's questions in their order. */
  ofEvents(eventIds: readonly string[]): Promise<QuestionRow[]>;
}

export interface WaitingListRepository {
  /** Joins only while the type is sold out and on sale, once per user while an entry is live; undefined when it did not. */
  join(entry: NewWaitingEntry): Promise<WaitingEntryWithPosition | undefined>;
  liveEntry(userId: string, ticketTypeId: string): Promise<WaitingEntryRow | undefined>;
  /** One of the user's own entries. */
  find(id: string, userId: string): Promise<WaitingEntryWithPosition | undefined>;
  /** The user's entries, newest first. */
  ofUser(userId: string, limit: number): Promise<WaitingEntryWithPosition[]>;
  /** The entries of those of the events `organizerId` organizes (scoped in the query), in arrival order; the first 1000 of each event. */
  ofEvents(query: { eventIds: readonly string[]; organizerId: string; ticketTypeId?: string }): Promise<WaitingEntryWithPosition[]>;
  /**
   * The user leaves their entry; an offered one lets go of its hold (`factsFor` the order it
   * cancels), whose stock goes to the next in line, in one transaction. `left`: this call did it.
   */
  leave(
    id: string,
    userId: string,
    offers: OfferTerms,
    factsFor: FactsFor<OrderRow[]>,
  ): Promise<{ entry: WaitingEntryWithPosition; left: boolean } | undefined>;
  /** Offers stock on sale that waiting entries fit (each type taken by one replica), and expires the entries of types no longer on sale. */
  offerWaiting(offers: OfferTerms, limit: number): Promise<MadeOffer[]>;
}

export interface TicketsRepositories {
  ticketTypes: TicketTypeRepository;
  vouchers: VoucherRepository;
  questions: QuestionRepository;
  waitingList: WaitingListRepository;
  orders: OrderRepository;
  payments: PaymentRepository;
  refunds: RefundRepository;
  tickets: TicketRepository;
}
