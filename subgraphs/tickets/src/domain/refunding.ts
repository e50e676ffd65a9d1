import { createHash, randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type Logger, type Viewer } from '@sbor/core';
import type { Fact } from '@sbor/messaging';
import { orderRefundedFact, ticketCancelledFact } from '../messaging/facts.js';
import { providerOf, refundFailed, type PaymentProviders } from '../payments/provider.js';
import { offerTerms } from './offers.js';
import { refundAmount, requireStatus } from './order-rules.js';
import type { OfferTerms, OrderRow, OrderStatus, TicketRow, TicketsRepositories } from './repositories.js';

export const REFUND_REASON_EVENT_CANCELLED = 'The event was cancelled.';

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'Order not found.');

/**
 * Giving money back. The organizer refunds an order, whole or some of its tickets: the provider
 * first (a refusal changes nothing), then one transaction cancels the tickets (the door's
 * revocation list grows), returns their stock unless the event is over (offering it to the
 * waiting list first), and settles the order.
 * Refunds owed because an event was cancelled are queued by its consumer and sent by `settlePending`.
 */
export class Refunding {
  constructor(
    private readonly repositories: Pick<TicketsRepositories, 'orders' | 'payments' | 'refunds' | 'ticketTypes'>,
    private readonly providers: PaymentProviders,
    private readonly logger: Logger,
    private readonly onCommitted: () => void = () => {},
    /** How the stock a refund returns is offered to the waiting list. */
    private readonly offers: OfferTerms = offerTerms(),
  ) {}

  /** `refundOrder`: for the event's organizer; the whole order when no tickets are named. */
  async refund(
    organizer: Viewer,
    orderId: string,
    request: { ticketIds?: readonly string[] | null; reason?: string | null },
  ): Promise<OrderRow> {
    const [order] = await this.repositories.orders.visibleTo([orderId], organizer.userId);
    if (!order || order.organizerId !== organizer.userId) throw notFound();
    requireStatus(order.status, ['PAID', 'PARTIALLY_REFUNDED'], 'REFUNDED');
    const [tickets, lines, payments, refunds] = await Promise.all([
      this.repositories.orders.tickets([order.id]),
      this.repositories.orders.lines([order.id]),
      this.repositories.payments.ofOrders([order.id]),
      this.repositories.refunds.ofOrders([order.id]),
    ]);
    const refundable = tickets.filter((t) => t.status !== 'CANCELLED');
    const chosen = request.ticketIds ? pick(refundable, tickets, request.ticketIds) : refundable;
    if (chosen.length === 0)
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'Every ticket of this order is already refunded.', { field: 'ticketIds' });
    const amountCents = Math.min(refundAmount(chosen, lines), await this.repositories.refunds.refundableCents(order.id));
    // The payment that paid for the tickets: succeeded, and not already given back whole (a second payment was).
    const returned = (paymentId: string) => refunds.filter((r) => r.paymentId === paymentId).reduce((sum, r) => sum + r.amountCents, 0);
    const payment = payments.find((p) => p.status === 'SUCCEEDED' && returned(p.id) < p.amountCents) ?? null;
    const ticketIds = chosen.map((t) => t.id).sort();
    const reason = request.reason ?? null;
    let providerRef: string | null = null;
    if (payment && amountCents > 0) {
      try {
        // The same refund asked again (after a crash, or a retry) has the same key: one refund at the provider.
        ({ providerRef } = await providerOf(this.providers, payment.provider).refund({
          payment,
          amountCents,
          idempotencyKey: refundKey(order.id, ticketIds),
        }));
      } catch (error) {
        this.logger.warn({ err: error, orderId: order.id }, 'refund refused by the provider');
        throw refundFailed(error);
      }
    }
    const refundId = randomUUID();
    const eventOver = await this.eventOver(lines.map((l) => l.ticketTypeId));
    await this.repositories.refunds.apply(
      { id: refundId, orderId: order.id, paymentId: payment?.id ?? null, amountCents, reason, status: 'SUCCEEDED', providerRef, ticketIds },
      { returnStock: !eventOver, offers: this.offers },
      ({ status, cancelled }) => refundFacts(order, { id: refundId, amountCents, reason, ticketIds }, status, cancelled),
    );
    this.onCommitted();
    return (await this.repositories.orders.find(order.id))!;
  }

  /**
   * Sends the refunds that are owed but not yet made (an event's cancellation queues one per paid
   * order). Each is taken by one worker, asked of its provider with its own id as the key, and
   * marked done with its fact in the same transaction: a crash in between asks again, and the
   * provider refunds once.
   */
  async settlePending(limit = 20): Promise<number> {
    const settled = await this.repositories.refunds.settlePending(limit, async ({ refund, order, payment, ticketIds }) => {
      let providerRef: string | null = null;
      if (payment && refund.amountCents > 0) {
        try {
          ({ providerRef } = await providerOf(this.providers, payment.provider).refund({
            payment,
            amountCents: refund.amountCents,
            idempotencyKey: refund.id,
          }));
        } catch (error) {
          this.logger.warn({ err: error, refundId: refund.id }, 'refund not made yet; retrying on the next pass');
          return undefined;
        }
      }
      return {
        providerRef,
        factsFor: (status: OrderStatus) => [orderRefundedFact(order, { ...refund, ticketIds }, settledStatus(status), new Date())],
      };
    });
    if (settled > 0) this.onCommitted();
    return settled;
  }

  private async eventOver(ticketTypeIds: string[]): Promise<boolean> {
    const [type] = await this.repositories.ticketTypes.byIds(ticketTypeIds.slice(0, 1));
    return !type || type.eventEndsAt.getTime() <= Date.now() || type.salesClosed;
  }
}

/** The named tickets of this order that can still be refunded, or BAD_USER_INPUT naming what is wrong. */
function pick(refundable: TicketRow[], all: TicketRow[], ids: readonly string[]): TicketRow[] {
  const byId = new Map(all.map((t) => [t.id, t]));
  return [...new Set(ids)].map((id, i) => {
    const ticket = byId.get(id);
    if (!ticket) throw new AppError(ErrorCode.BAD_USER_INPUT, 'This ticket is not part of the order.', { field: `ticketIds.${i}` });
    if (!refundable.includes(ticket))
      throw new AppError(ErrorCode.BAD_USER_INPUT, 'This ticket is already refunded.', { field: `ticketIds.${i}` });
    return ticket;
  });
}

/** One key per order and set of tickets, so the provider refunds a repeated request once. */
const refundKey = (orderId: string, ticketIds: readonly string[]) =>
  createHash('sha256')
    .update(`${orderId}:${ticketIds.join(',')}`)
    .digest('hex')
    .slice(0, 40);

const settledStatus = (status: OrderStatus) =>
  status === 'PARTIALLY_REFUNDED' || status === 'REFUNDED' || status === 'EXPIRED' || status === 'CANCELLED' ? status : 'REFUNDED';

function refundFacts(
  order: OrderRow,
  refund: { id: string; amountCents: number; reason: string | null; ticketIds: readonly string[] },
  status: OrderStatus,
  cancelled: TicketRow[],
): Fact[] {
  return [orderRefundedFact(order, refund, settledStatus(status), new Date()), ...cancelled.map((t) => ticketCancelledFact(t, 'REFUNDED'))];
}
