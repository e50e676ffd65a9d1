import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type Logger, type Viewer } from '@sbor/core';
import { factRow, orderRefundedFact } from '../messaging/facts.js';
import { providerOf, type PaymentProviders, type WebhookEvent } from '../payments/provider.js';
import { issueTickets } from './issuing.js';
import type { QrKeyRing } from './key-ring.js';
import { requireStatus } from './order-rules.js';
import type { OrderRow, OrderStatus, PaymentProviderName, PaymentRow, TicketsRepositories } from './repositories.js';

export interface CheckoutSettings {
  /** How long an order paid offline (bank transfer, at the door) stays held: days, not minutes. */
  offlineHoldHours: number;
}

export type ConfirmOutcome = 'PAID' | 'ALREADY_APPLIED' | 'REFUNDED_UNNEEDED' | 'IGNORED';

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'Order not found.');

/**
 * Paying orders: starting (or resuming) a payment with a provider, applying what the provider's
 * webhook says exactly once, and the organizer's confirmation of offline payments. A payment that
 * succeeds after the hold ended is refunded at once and reported, never lost.
 */
export class Checkout {
  constructor(
    private readonly repositories: Pick<TicketsRepositories, 'orders' | 'payments' | 'refunds' | 'ticketTypes'>,
    private readonly providers: PaymentProviders,
    private readonly keys: QrKeyRing,
    private readonly settings: CheckoutSettings,
    private readonly logger: Logger,
    private readonly onCommitted: () => void = () => {},
  ) {}

  /** `checkout`: the buyer's payment for a RESERVED order; the same provider again resumes the one started. */
  async checkout(buyer: Viewer, orderId: string, providerName: PaymentProviderName): Promise<PaymentRow> {
    const [order] = await this.repositories.orders.visibleTo([orderId], buyer.userId);
    if (!order || order.buyerId !== buyer.userId) throw notFound();
    this.requirePayable(order);
    if (providerName === 'FREE') return this.claimFree(order);
    const provider = providerOf(this.providers, providerName);
    const pending = (await this.repositories.payments.ofOrders([order.id])).filter((p) => p.status === 'PENDING');
    const resumed = pending.find((p) => p.provider === providerName);
    if (resumed) return resumed;
    for (const other of pending) {
      await this.providers[other.provider]
        ?.cancel?.(other)
        .catch((err: unknown) => this.logger.warn({ err, paymentId: other.id }, 'could not withdraw a payment'));
      await this.repositories.payments.close(other.id, 'CANCELLED');
    }
    const paymentId = randomUUID();
    const started = await provider.createPayment({ paymentId, order });
    if (providerName === 'OFFLINE') {
      await this.repositories.orders.extendHold(order.id, new Date(Date.now() + this.settings.offlineHoldHours * 3_600_000));
    }
    return this.repositories.payments.insert({
      id: paymentId,
      orderId: order.id,
      provider: providerName,
      status: 'PENDING',
      amountCents: order.totalCents,
      currency: order.currency,
      providerRef: started.providerRef,
      checkoutUrl: started.checkoutUrl ?? null,
      clientSecret: started.clientSecret ?? null,
      instructions: started.instructions ?? null,
    });
  }

  /** A provider's webhook, already verified: applied once, whatever order and how often it arrives. */
  async applyWebhook(providerName: PaymentProviderName, event: WebhookEvent): Promise<ConfirmOutcome> {
    if (event.kind === 'ignored') {
      await this.repositories.payments.recordWebhook(providerName, event.id);
      return 'IGNORED';
    }
    const payment = await this.repositories.payments.findByRef(providerName, event.providerRef);
    if (!payment) {
      this.logger.warn({ provider: providerName, providerRef: event.providerRef }, 'webhook for a payment we do not know');
      return 'IGNORED';
    }
    if (event.kind === 'failed') {
      if (await this.repositories.payments.recordWebhook(providerName, event.id))
        await this.repositories.payments.close(payment.id, 'FAILED');
      return 'IGNORED';
    }
    return this.confirm(payment, { provider: providerName, eventId: event.id });
  }

  /** What the hosted sandbox checkout shows: the payment and its order, by the payment's id (the page's unguessable link). */
  async describePayment(paymentId: string): Promise<{ payment: PaymentRow; order: OrderRow } | undefined> {
    const payment = await this.repositories.payments.find(paymentId);
    if (!payment) return undefined;
    return { payment, order: (await this.repositories.orders.find(payment.orderId))! };
  }

  /** `markOrderPaid`: the organizer confirms an offline payment (a transfer arrived, cash at the door). */
  async markPaid(organizer: Viewer, orderId: string): Promise<OrderRow> {
    const [order] = await this.repositories.orders.visibleTo([orderId], organizer.userId);
    if (!order || order.organizerId !== organizer.userId) throw notFound();
    this.requirePayable(order);
    const offline = (await this.repositories.payments.ofOrders([order.id])).find((p) => p.status === 'PENDING' && p.provider === 'OFFLINE');
    const payment =
      offline ??
      (await this.repositories.payments.insert({
        id: randomUUID(),
        orderId: order.id,
        provider: 'OFFLINE',
        status: 'PENDING',
        amountCents: order.totalCents,
        currency: order.currency,
      }));
    const outcome = await this.confirm(payment, null);
    if (outcome !== 'PAID') {
      const now = (await this.repositories.orders.find(order.id))!;
      requireStatus(now.status, ['RESERVED'], 'PAID');
    }
    return (await this.repositories.orders.find(order.id))!;
  }

  /**
   * `checkout(FREE)`: an order that costs nothing but is held rather than paid (a waiting-list offer
   * of free tickets, which its user takes or leaves) is paid at once, issuing its tickets.
   */
  private async claimFree(order: OrderRow): Promise<PaymentRow> {
    if (order.totalCents !== 0) {
      throw new AppError(ErrorCode.ORDER_NOT_PAYABLE, 'Only an order that costs nothing is free; choose a way to pay.', {
        status: order.status,
        field: 'provider',
      });
    }
    const payment = await this.repositories.payments.insert({
      id: randomUUID(),
      orderId: order.id,
      provider: 'FREE',
      status: 'PENDING',
      amountCents: 0,
      currency: order.currency,
    });
    if ((await this.confirm(payment, null)) !== 'PAID') {
      const now = (await this.repositories.orders.find(order.id))!;
      this.requirePayable(now);
    }
    return (await this.repositories.payments.find(payment.id))!;
  }

  private requirePayable(order: OrderRow): void {
    if (order.status === 'EXPIRED') {
      throw new AppError(ErrorCode.HOLD_EXPIRED, 'The hold on these tickets ended; reserve them again.', {
        expiresAt: order.expiresAt?.toISOString() ?? null,
      });
    }
    if (order.status !== 'RESERVED') {
      throw new AppError(
        ErrorCode.ORDER_NOT_PAYABLE,
        `This order is ${order.status.toLowerCase().replace('_', ' ')}; there is nothing to pay.`,
        { status: order.status },
      );
    }
  }

  /** Pays the order of a payment that succeeded, or refunds the payment when the hold already ended. */
  private async confirm(payment: PaymentRow, webhook: { provider: PaymentProviderName; eventId: string } | null): Promise<ConfirmOutcome> {
    const [order, lines] = await Promise.all([
      this.repositories.orders.find(payment.orderId).then((o) => o!),
      this.repositories.orders.lines([payment.orderId]),
    ]);
    const types = await this.repositories.ticketTypes.byIds(lines.map((l) => l.ticketTypeId));
    const eventEndsAt = types[0]!.eventEndsAt;
    const { tickets, facts } = issueTickets(this.keys, order, lines, eventEndsAt, payment.provider, new Date(), order.attendees);
    const outcome = await this.repositories.orders.pay({
      orderId: order.id,
      paymentId: payment.id,
      webhook,
      tickets,
      facts: facts.map(factRow),
    });
    if (outcome === 'PAID') {
      this.onCommitted();
      return 'PAID';
    }
    if (outcome === 'ALREADY_APPLIED' || webhook === null) return 'ALREADY_APPLIED';
    const now = (await this.repositories.orders.find(order.id))!;
    // This payment paid the order: its success was applied before (another event id said so).
    if ((await this.repositories.payments.find(payment.id))?.status === 'SUCCEEDED') return 'ALREADY_APPLIED';
    await this.refundUnneededPayment(now, payment);
    return 'REFUNDED_UNNEEDED';
  }

  /**
   * Money the order did not need: it arrived after the hold ended (the stock went back on sale),
   * or the order was already paid another way, or it came through a payment Sbor had withdrawn.
   * It goes back to the buyer at once, recorded and reported; the order itself is unchanged.
   */
  private async refundUnneededPayment(order: OrderRow, payment: PaymentRow): Promise<void> {
    await this.repositories.payments.succeed(payment.id);
    const refundId = randomUUID();
    const provider = providerOf(this.providers, payment.provider);
    const { amountCents } = payment;
    const { providerRef } = await provider.refund({ payment, amountCents, idempotencyKey: `unneeded-${payment.id}` });
    const reason =
      order.status === 'EXPIRED' || order.status === 'CANCELLED'
        ? 'Paid after the hold ended; the tickets had gone back on sale.'
        : order.status === 'RESERVED'
          ? 'Paid through a payment that had been withdrawn; it was returned.'
          : 'The order was already paid; this second payment was returned.';
    const refund = {
      id: refundId,
      orderId: order.id,
      paymentId: payment.id,
      amountCents,
      reason,
      status: 'SUCCEEDED' as const,
      providerRef,
      ticketIds: [],
    };
    await this.repositories.refunds.apply(refund, { returnStock: false }, ({ status }) => [
      orderRefundedFact(order, refund, reportedStatus(status), new Date()),
    ]);
    this.logger.warn(
      { orderId: order.id, paymentId: payment.id, amountCents, status: order.status },
      'payment the order did not need: refunded',
    );
    this.onCommitted();
  }
}

/** `order.refunded` reports the order's status after the refund: unchanged by money it did not need. */
const reportedStatus = (status: OrderStatus) => status;
