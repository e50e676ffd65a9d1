/** What the domain hands to the GraphQL layer (the codegen mappers). */
import type { TicketRow } from '../db/tickets.js';
import type { TicketTypeRow } from '../db/ticket-types.js';
import type { OrderLineRow, OrderRow, PaymentRow, RefundRow } from './repositories.js';

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
  held: number;
  paid: number;
  refunded: number;
  cancelled: number;
  checkedIn: number;
  revenueCents: number;
  currency: string;
}

export interface SalesStatsView {
  byType: TypeSalesView[];
  totalSold: number;
  held: number;
  paid: number;
  refunded: number;
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

export type OrderView = OrderRow;
export type OrderLineView = OrderLineRow;
export type PaymentView = PaymentRow;
export type RefundView = RefundRow & { ticketIds: string[] };

export interface OrderConnectionView {
  edges: { node: OrderRow; cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Vouchers, questions and waiting lists (domain/vouchers.ts, questions.ts, waiting-list.ts). */
export type { VoucherRow as VoucherView, QuestionRow as QuestionView, AnswerRecord as AnswerView } from './repositories.js';
export type { WaitingEntryWithPosition as WaitingListEntryView } from './repositories.js';

/** Door staff, and the scan log's entries and pages (domain/door-staff.ts, domain/scan-log.ts). */
export type { DoorStaffRow as DoorStaffView, DoorScanRow as CheckInView } from './door-repository.js';
export type { ScanConnectionView as CheckInConnectionView } from './scan-log.js';
