import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import { outboxRow } from '@sbor/messaging';
import type { EventInfo, EventsClient } from '../clients/events.js';
import { ticketPurchasedFact } from '../messaging/facts.js';
import { newTicketCode } from './codes.js';
import type { QrKeyRing } from './key-ring.js';
import type { SaleRepository, TicketRow, TicketTypeRepository } from './repositories.js';
import { checkEventOnSale, checkSalesWindow, decideIdempotency, idempotencyKeyReused, soldOutError } from './rules.js';
import type { PurchaseInput } from './validation.js';

type Sale = { kind: 'SOLD'; tickets: TicketRow[] } | { kind: 'DUPLICATE' };

/** Told about each purchase: the relay to wake after a commit, the metrics to count outcomes. */
export interface PurchaseHooks {
  /** After a sale commits, so the outbox relay publishes without waiting for its tick. */
  committed?(): void;
  /** Every attempt's outcome: `ok` with the tickets handed out (replays too), or the refusal's code. */
  outcome?(outcome: string, tickets: number): void;
}

/** Selling tickets: the seed's purchase flow, with the oversell guard in one statement. */
export class Purchases {
  constructor(
    private readonly repositories: { ticketTypes: TicketTypeRepository; sales: SaleRepository },
    private readonly events: EventsClient,
    private readonly keys: QrKeyRing,
    private readonly hooks: PurchaseHooks = {},
  ) {}

  /** Buys `input.quantity` tickets for the buyer; the same idempotency key returns the same tickets. */
  async purchase(buyer: Viewer, input: PurchaseInput): Promise<TicketRow[]> {
    try {
      const tickets = await this.attempt(buyer.userId, input);
      this.hooks.outcome?.('ok', tickets.length);
      return tickets;
    } catch (error) {
      this.hooks.outcome?.(error instanceof AppError ? error.code : ErrorCode.INTERNAL_SERVER_ERROR, 0);
      throw error;
    }
  }

  private async attempt(userId: string, input: PurchaseInput): Promise<TicketRow[]> {
    const { ticketTypes } = this.repositories;
    let sale: Sale;
    try {
      // The event (another service) and the ticket type (ours) are asked at the same time.
      const [event, type] = await Promise.all([this.events.getEvent(input.eventId), ticketTypes.find(input.ticketTypeId)]);
      const now = new Date();
      checkEventOnSale(event, now);
      checkSalesWindow(type, input.eventId, now);
      // Sold out already: refuse without a transaction; the update below is still the guard.
      if (type.sold + input.quantity > type.quantity) throw soldOutError(type.quantity - type.sold);
      sale = await this.sell(userId, input, event);
    } catch (error) {
      // A request whose key already bought answers with that purchase, whatever is true now:
      // the buyer is retrying a sale that succeeded (the key is checked first, as in the seed).
      if (error instanceof AppError) {
        const replayed = await this.replay(userId, input);
        if (replayed) return replayed;
      }
      throw error;
    }
    if (sale.kind === 'DUPLICATE') {
      // The key was taken: an earlier or racing request with it committed first.
      const again = await this.replay(userId, input);
      if (again) return again;
      throw new AppError(ErrorCode.CONFLICT, 'This purchase is being processed. Try again in a moment.');
    }
    this.hooks.committed?.();
    return sale.tickets;
  }

  private async replay(userId: string, input: PurchaseInput): Promise<TicketRow[] | undefined> {
    const { sales } = this.repositories;
    const decision = decideIdempotency(await sales.findPurchase(userId, input.idempotencyKey), input);
    if (decision.kind === 'CONFLICT') throw idempotencyKeyReused();
    return decision.kind === 'REPLAY' ? sales.ticketsOfPurchase(decision.purchaseId) : undefined;
  }

  /**
   * One statement (recordSale): the conditional update, the idempotency claim, the tickets and one
   * fact per ticket, all or nothing. Everything it writes is made here first, so it needs no
   * second trip to the database.
   */
  private async sell(userId: string, input: PurchaseInput, event: EventInfo): Promise<Sale> {
    const purchaseId = randomUUID();
    const purchasedAt = new Date();
    const tickets: TicketRow[] = Array.from({ length: input.quantity }, () => {
      const id = randomUUID();
      const qrPayload = this.keys.sign({
        ticketId: id,
        eventId: input.eventId,
        ticketTypeId: input.ticketTypeId,
        validFrom: purchasedAt,
        validUntil: event.endsAt,
      });
      return {
        id,
        code: newTicketCode(),
        status: 'ACTIVE',
        eventId: input.eventId,
        ticketTypeId: input.ticketTypeId,
        purchaseId,
        ownerId: userId,
        qrPayload,
        purchasedAt,
        checkedInAt: null,
        checkedInBy: null,
        cancelledAt: null,
      };
    });
    const record = {
      purchase: { id: purchaseId, userId, ...input },
      purchasedAt,
      tickets,
      facts: tickets.map((ticket) => outboxRow(ticketPurchasedFact(ticket), ticket.id)),
    };
    switch (await this.repositories.sales.recordSale(record)) {
      case 'SOLD':
        return { kind: 'SOLD', tickets };
      case 'DUPLICATE':
        return { kind: 'DUPLICATE' };
      case 'CANCELLED':
        throw new AppError(ErrorCode.EVENT_CANCELLED, 'This event has been cancelled.');
      case 'SOLD_OUT':
        throw soldOutError(await this.repositories.ticketTypes.seatsLeft(input.ticketTypeId));
    }
  }
}
