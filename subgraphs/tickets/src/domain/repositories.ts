/**
 * What the tickets domain needs from storage, as interfaces: the drizzle implementation is
 * `db/repositories.ts`, an in-memory one for spec tests is `domain/in-memory.ts`. Every method that
 * changes state and must be heard about writes its fact in the same transaction (the outbox).
 */
import type { PurchaseRow } from '../db/purchases.js';
import type { SaleOutcome, SaleRecord } from '../db/queries/sale.js';
import type { TypeSalesRow } from '../db/queries/stats.js';
import type { NewTicketType } from '../db/queries/ticket-types.js';
import type { TicketTypeRow } from '../db/ticket-types.js';
import type { TicketRow } from '../db/tickets.js';

export type { PurchaseRow, SaleOutcome, SaleRecord, TicketRow, TicketTypeRow, TypeSalesRow, NewTicketType };

export interface TicketTypeRepository {
  insert(values: NewTicketType): Promise<TicketTypeRow>;
  find(id: string): Promise<TicketTypeRow | undefined>;
  byIds(ids: readonly string[]): Promise<TicketTypeRow[]>;
  /** Oldest first, per event. */
  ofEvents(eventIds: readonly string[]): Promise<TicketTypeRow[]>;
  seatsLeft(id: string): Promise<number>;
  /** Per type of the event: the type, and how many of its tickets were used or cancelled. */
  salesByType(eventId: string): Promise<TypeSalesRow[]>;
}

export interface SaleRepository {
  findPurchase(userId: string, idempotencyKey: string): Promise<PurchaseRow | undefined>;
  ticketsOfPurchase(purchaseId: string): Promise<TicketRow[]>;
  /** The whole sale, all or nothing, never more than the quantity however many buyers race. */
  recordSale(sale: SaleRecord): Promise<SaleOutcome>;
}

export interface TicketRepository {
  ofOwner(ownerId: string): Promise<TicketRow[]>;
  /** Those of `ids` that `viewerId` holds or organizes; the rest are absent. */
  visibleTo(ids: readonly string[], viewerId: string): Promise<TicketRow[]>;
  /** A ticket of one of the organizer's events, by code or id. */
  forOrganizer(by: { code: string } | { id: string }, organizerId: string): Promise<TicketRow | undefined>;
  find(id: string): Promise<TicketRow | undefined>;
  /** ACTIVE → USED with its `ticket.checkin` fact, in one transaction; undefined when it was not ACTIVE. */
  checkIn(ticketId: string, by: string): Promise<TicketRow | undefined>;
}

export interface TicketsRepositories {
  ticketTypes: TicketTypeRepository;
  sales: SaleRepository;
  tickets: TicketRepository;
}
