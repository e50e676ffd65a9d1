/** What the domain hands to the GraphQL layer (the codegen mappers). */
import type { TicketRow } from '../db/tickets.js';
import type { TicketTypeRow } from '../db/ticket-types.js';

export type TicketView = TicketRow;
export type TicketTypeView = TicketTypeRow;
/** Another subgraph's entity, known here only by its key. */
export interface EventRef {
  id: string;
}
export interface UserRef {
  id: string;
}

export interface TypeSalesView {
  ticketType: TicketTypeRow;
  sold: number;
  cancelled: number;
  checkedIn: number;
  revenueCents: number;
  currency: string;
}

export interface SalesStatsView {
  byType: TypeSalesView[];
  totalSold: number;
  checkedIn: number;
  cancelled: number;
  revenue: { amountCents: number; currency: string }[];
}

export type DoorReason = 'NOT_FOUND' | 'BAD_SIGNATURE' | 'USED' | 'CANCELLED' | 'WRONG_EVENT' | 'EXPIRED';

export interface ValidationView {
  valid: boolean;
  reason: DoorReason | null;
  ticket: TicketRow | null;
}
