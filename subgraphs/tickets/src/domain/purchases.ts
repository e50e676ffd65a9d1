import { randomUUID } from 'node:crypto';
import { AppError, ErrorCode, type Viewer } from '@sbor/core';
import type { Db } from '@sbor/db';
import type { EventInfo, EventsClient } from '../clients/events.js';
import { isEventCancelled, lockEventForSale } from '../db/queries/events.js';
import { claimPurchase, findPurchase } from '../db/queries/purchases.js';
import { findTicketType, reserveSeats, seatsLeft } from '../db/queries/ticket-types.js';
import { insertTickets, ticketsOfPurchase } from '../db/queries/tickets.js';
import type { TicketRow } from '../db/tickets.js';
import { ticketPurchased } from '../messaging/facts.js';
import { newTicketCode } from './codes.js';
import type { QrKeyRing } from './key-ring.js';
import { checkEventOnSale, checkSalesWindow, decideIdempotency, idempotencyKeyReused, soldOutError } from './rules.js';
import { parseInput, purchaseInput, type PurchaseInput } from './validation.js';
import { requireViewer } from './viewer.js';

type Sale = { kind: 'SOLD'; tickets: TicketRow[] } | { kind: 'DUPLICATE' };

/** Selling tickets: the seed's purchase flow, with the oversell guard in one transaction. */
export class Purchases {
  constructor(
    private readonly db: Db,
    private readonly events: EventsClient,
    private readonly keys: QrKeyRing,
    /** Called after a sale commits, so the outbox relay publishes without waiting for its tick. */
    private readonly onCommitted: () => void = () => {},
  ) {}

  async purchase(viewer: Viewer | null, raw: unknown): Promise<TicketRow[]> {
    const { userId } = requireViewer(viewer);
    const input = parseInput(purchaseInput, raw);
    const replayed = await this.replay(userId, input);
    if (replayed) return replayed;

    const event = await this.events.getEvent(input.eventId);
    const now = new Date();
    checkEventOnSale(event, now);
    const type = await findTicketType(this.db, input.ticketTypeId);
    checkSalesWindow(type, input.eventId, now);

    const sale = await this.sell(userId, input, event);
    if (sale.kind === 'DUPLICATE') {
      // A racing request with the same key committed first: answer with its tickets.
      const again = await this.replay(userId, input);
      if (again) return again;
      throw new AppError(ErrorCode.CONFLICT, 'This purchase is being processed. Try again in a moment.');
    }
    this.onCommitted();
    return sale.tickets;
  }

  private async replay(userId: string, input: PurchaseInput): Promise<TicketRow[] | undefined> {
    const decision = decideIdempotency(await findPurchase(this.db, userId, input.idempotencyKey), input);
    if (decision.kind === 'CONFLICT') throw idempotencyKeyReused();
    return decision.kind === 'REPLAY' ? ticketsOfPurchase(this.db, decision.purchaseId) : undefined;
  }

  /**
   * One transaction: the event's sale lock (held shared, so a cancellation waits for us or we
   * see it), the idempotency claim, the conditional update, the tickets and one fact per ticket.
   * Any failure rolls all of it back, the claim included, so a retry with the key can still buy.
   */
  private sell(userId: string, input: PurchaseInput, event: EventInfo): Promise<Sale> {
    return this.db.transaction(async (tx): Promise<Sale> => {
      await lockEventForSale(tx, input.eventId);
      if (await isEventCancelled(tx, input.eventId)) {
        throw new AppError(ErrorCode.EVENT_CANCELLED, 'This event has been cancelled.');
      }
      const purchase = await claimPurchase(tx, { userId, ...input });
      if (!purchase) return { kind: 'DUPLICATE' };
      if (!(await reserveSeats(tx, input.ticketTypeId, input.quantity))) {
        throw soldOutError(await seatsLeft(tx, input.ticketTypeId));
      }
      const validFrom = new Date();
      const rows = Array.from({ length: input.quantity }, () => {
        const id = randomUUID();
        const qrPayload = this.keys.sign({
          ticketId: id,
          eventId: input.eventId,
          ticketTypeId: input.ticketTypeId,
          validFrom,
          validUntil: event.endsAt,
        });
        return { id, code: newTicketCode(), eventId: input.eventId, ticketTypeId: input.ticketTypeId, purchaseId: purchase.id, ownerId: userId, qrPayload };
      });
      const tickets = await insertTickets(tx, rows);
      for (const ticket of tickets) await ticketPurchased(tx, ticket);
      return { kind: 'SOLD', tickets };
    });
  }
}
