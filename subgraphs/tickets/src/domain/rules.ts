/**
 * The business rules of DESIGN.md as pure functions, so their order and edges are unit-tested
 * without a database. The services call them; they never touch I/O.
 */
import { AppError, ErrorCode } from '@sbor/core';
import type { EventInfo } from '../clients/events.js';

export const MAX_TICKETS_PER_PURCHASE = 10;

/** Throws the first rule a purchase breaks, in the seed's order (after auth and idempotency). */
export function checkEventOnSale(event: EventInfo | null, now: Date): asserts event is EventInfo {
  if (!event) throw new AppError(ErrorCode.NOT_FOUND, 'Event not found.');
  switch (event.status) {
    case 'DRAFT':
      throw new AppError(ErrorCode.EVENT_NOT_PUBLISHED, 'This event is not published yet, so its tickets are not on sale.');
    case 'CANCELLED':
      throw new AppError(ErrorCode.EVENT_CANCELLED, 'This event has been cancelled.');
    case 'COMPLETED':
      throw new AppError(ErrorCode.EVENT_COMPLETED, 'This event is over.');
  }
  // PUBLISHED becomes COMPLETED once endsAt passes; the events service may not have flipped it yet.
  if (event.endsAt.getTime() <= now.getTime()) throw new AppError(ErrorCode.EVENT_COMPLETED, 'This event is over.');
}

export interface SalesWindow {
  eventId: string;
  salesStart: Date;
  salesEnd: Date;
}

/** The ticket type must belong to the event and be within its sales window now. */
export function checkSalesWindow(type: SalesWindow | undefined, eventId: string, now: Date): asserts type is SalesWindow {
  if (!type || type.eventId !== eventId) {
    throw new AppError(ErrorCode.NOT_FOUND, 'This event has no such ticket type.', { field: 'ticketTypeId' });
  }
  if (now.getTime() < type.salesStart.getTime()) {
    throw new AppError(ErrorCode.SALES_NOT_STARTED, `Sales for this ticket type start at ${type.salesStart.toISOString()}.`, {
      salesStart: type.salesStart.toISOString(),
    });
  }
  if (now.getTime() >= type.salesEnd.getTime()) {
    throw new AppError(ErrorCode.SALES_ENDED, 'Sales for this ticket type have ended.', { salesEnd: type.salesEnd.toISOString() });
  }
}

/** What the conditional update left for a buyer who asked for more than remains. */
export function soldOutError(available: number): AppError {
  const message =
    available > 0
      ? `Only ${available} ${available === 1 ? 'ticket is' : 'tickets are'} left of this type.`
      : 'This ticket type is sold out.';
  return new AppError(ErrorCode.SOLD_OUT, message, { available: Math.max(0, available) });
}

export interface PurchaseRequest {
  eventId: string;
  ticketTypeId: string;
  quantity: number;
}

export type IdempotencyDecision = { kind: 'NEW' } | { kind: 'REPLAY'; purchaseId: string } | { kind: 'CONFLICT' };

/**
 * What an idempotency key the user already used means: the same request again returns the first
 * purchase's tickets; different parameters under the same key are a client bug, refused.
 */
export function decideIdempotency(existing: (PurchaseRequest & { id: string }) | undefined, request: PurchaseRequest): IdempotencyDecision {
  if (!existing) return { kind: 'NEW' };
  const same =
    existing.eventId === request.eventId && existing.ticketTypeId === request.ticketTypeId && existing.quantity === request.quantity;
  return same ? { kind: 'REPLAY', purchaseId: existing.id } : { kind: 'CONFLICT' };
}

export const idempotencyKeyReused = () =>
  new AppError(
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    'This idempotency key was already used for a different purchase. Use a new key for a new purchase.',
    { field: 'idempotencyKey' },
  );

/** Organizers may add ticket types to a draft or published event that is not over. */
export function checkEventTakesTicketTypes(event: EventInfo, now: Date): void {
  if (event.status === 'CANCELLED') throw new AppError(ErrorCode.EVENT_CANCELLED, 'This event has been cancelled.');
  if (event.status === 'COMPLETED' || event.endsAt.getTime() <= now.getTime()) {
    throw new AppError(ErrorCode.EVENT_COMPLETED, 'This event is over.');
  }
}

export type TicketState = 'ACTIVE' | 'USED' | 'CANCELLED';

/** Why a ticket would be turned away at the door, or null when it may enter. */
export function doorVerdict(
  ticket: { status: TicketState; eventId: string; validUntil: Date },
  expectedEventId: string | undefined,
  now: Date,
): 'USED' | 'CANCELLED' | 'WRONG_EVENT' | 'EXPIRED' | null {
  if (expectedEventId && ticket.eventId !== expectedEventId) return 'WRONG_EVENT';
  if (ticket.status === 'CANCELLED') return 'CANCELLED';
  if (ticket.status === 'USED') return 'USED';
  if (now.getTime() > ticket.validUntil.getTime()) return 'EXPIRED';
  return null;
}
