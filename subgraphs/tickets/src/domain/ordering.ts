import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import { factRow, orderCancelledFact, orderReservedFact } from '../messaging/facts.js';
import { checkAttendees } from './attendee-rules.js';
import { issueTickets } from './issuing.js';
import type { QrKeyRing } from './key-ring.js';
import { offerTerms } from './offers.js';
import { newOrderNumber, priceLines, refusalOf, requireStatus, sameOrder, withField, type PricedLine } from './order-rules.js';
import type { AttendeeRecord, OfferTerms, OrderRow, TicketRow, TicketsRepositories, TicketTypeRow, VoucherRow } from './repositories.js';
import { checkEventOnSale, idempotencyKeyReused, soldOutError } from './rules.js';
import type { OrderInput, PurchaseInput } from './validation.js';
import { checkVoucherValidNow } from './voucher-rules.js';

/** The default of `MAX_ORDERS_PER_USER_PER_MINUTE`: a person buying for themself and friends needs few. */
export const DEFAULT_ORDERS_PER_USER_PER_MINUTE = 10;

export interface OrderingSettings {
  holdMinutes: number;
  /**
   * Orders (held or sold at once) one buyer may place in any minute. Each holds stock or makes
   * rows, so a script ordering without pause could hold a sale's stock or grow the tables without end.
   */
  perUserPerMinute?: number;
  /** How stock a cancelled hold frees is offered to the waiting list (default: `offerTerms()`). */
  offers?: OfferTerms;
}

/** What an order is priced from: the event's ticket types it names, its voucher and its attendees. */
interface Priced {
  lines: PricedLine[];
  totalCents: number;
  currency: string;
  types: Map<string, TicketTypeRow>;
  organizerId: string;
  voucher: { row: VoucherRow; uses: number } | null;
  attendees: AttendeeRecord[] | null;
}

/** Told about each order placed: the relay to wake after a commit, the metrics to count outcomes. */
export interface OrderingHooks {
  committed?(): void;
  /** Every attempt's outcome: `ok` with the tickets handed out or held, or the refusal's code. */
  outcome?(outcome: string, tickets: number): void;
}

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'Order not found.');

/**
 * Placing orders: a hold while the buyer pays (RESERVED), or a sale at once when the order costs
 * nothing (PAID, tickets issued). `purchaseTickets` is the one-call path for free tickets.
 */
export class Ordering {
  constructor(
    private readonly repositories: Pick<TicketsRepositories, 'orders' | 'ticketTypes' | 'vouchers' | 'questions'>,
    private readonly events: EventsClient,
    private readonly keys: QrKeyRing,
    private readonly settings: OrderingSettings,
    private readonly hooks: OrderingHooks = {},
  ) {}

  /** `reserveTickets`: holds the order's stock until `expiresAt`, or sells it at once when free. */
  async reserve(buyer: Viewer, input: OrderInput): Promise<OrderRow> {
    const tickets = input.items.reduce((n, i) => n + i.quantity, 0);
    return (await this.attempt(() => this.place(buyer.userId, input, { freeOnly: false }), tickets)).order;
  }

  /** Counts every attempt's outcome for the metrics. */
  private async attempt<T>(place: () => Promise<T>, tickets: number): Promise<T> {
    try {
      const placed = await place();
      this.hooks.outcome?.('ok', tickets);
      return placed;
    } catch (error) {
      this.hooks.outcome?.(error instanceof AppError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR, 0);
      throw error;
    }
  }

  /**
   * `purchaseTickets`: one free ticket type bought in one call. A priced type needs a payment,
   * so it answers PAYMENT_REQUIRED and points to reserveTickets.
   */
  async purchase(buyer: Viewer, input: PurchaseInput): Promise<TicketRow[]> {
    const order = {
      eventId: input.eventId,
      items: [{ ticketTypeId: input.ticketTypeId, quantity: input.quantity }],
      idempotencyKey: input.idempotencyKey,
    };
    const placed = await this.attempt(() => this.place(buyer.userId, order, { freeOnly: true }), input.quantity);
    return placed.tickets ?? this.repositories.orders.tickets([placed.order.id]);
  }

  /** `cancelOrder`: the buyer lets go of a RESERVED order; its stock goes back on sale at once. */
  async cancel(buyer: Viewer, orderId: string): Promise<OrderRow> {
    const [order] = await this.repositories.orders.visibleTo([orderId], buyer.userId);
    if (!order || order.buyerId !== buyer.userId) throw notFound();
    requireStatus(order.status, ['RESERVED'], 'CANCELLED');
    const [cancelled] = await this.repositories.orders.release(
      { ids: [order.id] },
      'CANCELLED',
      (ended) => ended.map((o) => orderCancelledFact(o, 'BUYER', new Date())),
      this.settings.offers ?? offerTerms(),
    );
    if (!cancelled) {
      // Paid or expired between the read and the release: say what it is now.
      const now = (await this.repositories.orders.find(order.id))!;
      requireStatus(now.status, ['RESERVED'], 'CANCELLED');
    }
    this.hooks.committed?.();
    return cancelled ?? order;
  }

  /** Places the order; the tickets come back when it was sold at once (undefined for a hold or a replay). */
  private async place(
    buyerId: string,
    input: OrderInput,
    options: { freeOnly: boolean },
  ): Promise<{ order: OrderRow; tickets?: TicketRow[] }> {
    const { orders } = this.repositories;
    let priced: Priced;
    try {
      priced = await this.price(input, options);
      if (options.freeOnly && priced.totalCents > 0) throw paymentRequired(priced.totalCents, priced.currency);
      // Sold out already: refuse from the rows just read; the statement below is still the guard.
      for (const [i, line] of priced.lines.entries()) {
        const type = priced.types.get(line.ticketTypeId)!;
        const available = type.quantity - type.held - type.sold;
        if (line.quantity > available) throw withField(soldOutError(available), `items.${i}.quantity`);
      }
    } catch (error) {
      // A request whose key already ordered answers with that order, whatever is true now.
      if (error instanceof AppError) {
        const replayed = await this.replay(buyerId, input);
        if (replayed) return { order: replayed };
      }
      throw error;
    }
    const order = {
      id: randomUUID(),
      number: newOrderNumber(),
      eventId: input.eventId,
      organizerId: priced.organizerId,
      buyerId,
      idempotencyKey: input.idempotencyKey,
      totalCents: priced.totalCents,
      currency: priced.currency,
      expiresAt: priced.totalCents === 0 ? null : new Date(Date.now() + this.settings.holdMinutes * 60_000),
      voucher: priced.voucher && { id: priced.voucher.row.id, uses: priced.voucher.uses },
      attendees: priced.attendees,
    };
    const selling = order.expiresAt === null;
    const eventEndsAt = priced.types.get(priced.lines[0]!.ticketTypeId)!.eventEndsAt;
    const issued = selling
      ? issueTickets(this.keys, order, priced.lines, eventEndsAt, 'FREE', new Date(), priced.attendees)
      : { tickets: [], facts: [orderReservedFact({ ...order, expiresAt: order.expiresAt! }, priced.lines)] };
    const perMinute = this.settings.perUserPerMinute ?? DEFAULT_ORDERS_PER_USER_PER_MINUTE;
    const outcome = await orders.place({
      order,
      lines: priced.lines,
      mode: selling ? 'sell' : 'hold',
      tickets: issued.tickets,
      facts: issued.facts.map(factRow),
      perMinute,
    });
    if (outcome === 'PLACED') {
      this.hooks.committed?.();
      const now = new Date();
      const { voucher: _voucher, ...columns } = order;
      const placed: OrderRow = {
        ...columns,
        status: selling ? 'PAID' : 'RESERVED',
        createdAt: now,
        paidAt: selling ? now : null,
        closedAt: null,
        voucherId: order.voucher?.id ?? null,
        voucherUses: order.voucher?.uses ?? 0,
      };
      const tickets = issued.tickets.map((t) => ({
        ...t,
        attendeeName: t.attendeeName ?? null,
        attendeeEmail: t.attendeeEmail ?? null,
        answers: t.answers ?? [],
        status: 'ACTIVE' as const,
        eventId: order.eventId,
        orderId: order.id,
        ownerId: buyerId,
        purchasedAt: now,
        checkedInAt: null,
        checkedInBy: null,
        cancelledAt: null,
      }));
      return { order: placed, tickets: selling ? tickets.sort((a, b) => a.code.localeCompare(b.code)) : undefined };
    }
    if (outcome === 'DUPLICATE') {
      const replayed = await this.replay(buyerId, input);
      if (replayed) return { order: replayed };
      throw new AppError(ErrorCode.CONFLICT, 'This order is being processed. Try again in a moment.');
    }
    if (typeof outcome === 'object') throw tooManyOrders(perMinute, outcome.retryAfterSeconds);
    throw await this.whyRefused(buyerId, priced);
  }

  /**
   * Reads what the order needs at once (the event from its service; the types, the voucher and the
   * questions from ours) and checks it in the documented order: the event, the voucher's validity,
   * each line (hidden types only with a voucher naming them), the voucher's uses, the attendees.
   */
  private async price(input: OrderInput, options: { freeOnly: boolean }): Promise<Priced> {
    const { ticketTypes, vouchers, questions } = this.repositories;
    const [event, types, voucher, asked] = await Promise.all([
      this.events.getEvent(input.eventId),
      ticketTypes.byIds(input.items.map((i) => i.ticketTypeId)),
      input.voucherCode ? vouchers.byCode(input.eventId, input.voucherCode) : undefined,
      questions.ofEvents([input.eventId]),
    ]);
    const now = new Date();
    checkEventOnSale(event, now);
    if (input.voucherCode) checkVoucherValidNow(voucher, now);
    const byId = new Map(types.map((t) => [t.id, t]));
    const { voucherUses, ...pricing } = priceLines(input.items, byId, input.eventId, now, voucher);
    if (options.freeOnly && !input.attendees && asked.some((q) => q.required)) throw attendeesRequired();
    return {
      ...pricing,
      types: byId,
      organizerId: event.organizerId,
      voucher: voucher && voucherUses > 0 ? { row: voucher, uses: voucherUses } : null,
      attendees: checkAttendees(input.attendees, pricing.lines, asked),
    };
  }

  private async replay(buyerId: string, input: OrderInput): Promise<OrderRow | undefined> {
    const existing = await this.repositories.orders.findByKey(buyerId, input.idempotencyKey);
    if (!existing) return undefined;
    const lines = await this.repositories.orders.lines([existing.id]);
    if (!sameOrder({ eventId: existing.eventId, lines }, input)) throw idempotencyKeyReused();
    return existing;
  }

  /** Read after the statement refused, in a fresh snapshot (the event's cancellation closes its types' sales). */
  private async whyRefused(buyerId: string, priced: Priced): Promise<AppError> {
    const { orders, ticketTypes, vouchers } = this.repositories;
    const { lines, voucher } = priced;
    const ids = lines.map((l) => l.ticketTypeId);
    const [types, held, [voucherNow]] = await Promise.all([
      ticketTypes.byIds(ids),
      orders.heldBy(buyerId, ids),
      voucher ? vouchers.byIds([voucher.row.id]) : [],
    ]);
    return refusalOf(
      lines,
      new Map(types.map((t) => [t.id, t])),
      held,
      false,
      voucher ? { voucher: voucherNow, uses: voucher.uses, now: new Date() } : undefined,
    );
  }
}

const attendeesRequired = () =>
  new AppError(
    ErrorCode.BAD_USER_INPUT,
    'This event asks every attendee some questions: order with reserveTickets and give the attendees with their answers.',
    { field: 'attendees', reason: 'ATTENDEE_DETAILS_REQUIRED' },
  );

const tooManyOrders = (perMinute: number, retryAfterSeconds: number) =>
  new AppError(
    ErrorCode.RATE_LIMITED,
    `You placed ${perMinute} orders in the last minute, the most allowed. Try again in ${retryAfterSeconds} seconds.`,
    { reason: 'MAX_ORDERS_PER_USER_PER_MINUTE', limit: perMinute, retryAfterSeconds },
  );

const paymentRequired = (totalCents: number, currency: string) =>
  new AppError(ErrorCode.PAYMENT_REQUIRED, 'These tickets cost money: reserve them with reserveTickets, then pay with checkout.', {
    priceCents: totalCents,
    currency,
  });
