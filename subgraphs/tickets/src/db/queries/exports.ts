/**
 * The rows of an event's CSV exports, read through a database cursor (`Database.stream`), so an
 * export of any size holds one batch in memory. Both are scoped to the organizer in SQL.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '@sbor/db';
import { orderLines, orders } from '../orders.js';
import { refunds } from '../payments.js';
import { questions } from '../questions.js';
import { ticketTypes } from '../ticket-types.js';
import { tickets } from '../tickets.js';
import { vouchers } from '../vouchers.js';
import type { AnswerRecord } from '../questions.js';

/** One order as the orders export needs it; column names as the query spells them. */
export interface OrderExportRow extends Record<string, unknown> {
  number: string;
  status: string;
  created_at: Date;
  paid_at: Date | null;
  buyer_id: string;
  items: string | null;
  tickets: number;
  voucher_code: string | null;
  total_cents: number;
  refunded_cents: number;
  currency: string;
}

/** One ticket as the attendee export needs it. */
export interface AttendeeExportRow extends Record<string, unknown> {
  ticket_id: string;
  order_number: string;
  attendee_name: string | null;
  attendee_email: string | null;
  owner_id: string;
  ticket_type: string;
  status: string;
  checked_in_at: Date | null;
  answers: AnswerRecord[] | null;
}

/** Oldest first. Lines and refunds are folded in per order, so one row is one order. */
export function orderExportQuery(eventId: string, organizerId: string): SQL {
  return sql`
    select o.number, o.status, o.created_at, o.paid_at, o.buyer_id, o.total_cents, o.currency,
      (select string_agg(tt.name || ' × ' || l.quantity, '; ' order by tt.created_at, tt.id)
         from ${orderLines} l join ${ticketTypes} tt on tt.id = l.ticket_type_id
        where l.order_id = o.id) as items,
      (select count(*)::int from ${tickets} t where t.order_id = o.id) as tickets,
      (select coalesce(sum(r.amount_cents), 0)::int from ${refunds} r where r.order_id = o.id and r.status = 'SUCCEEDED') as refunded_cents,
      v.code as voucher_code
    from ${orders} o
    left join ${vouchers} v on v.id = o.voucher_id
    where o.event_id = ${eventId} and o.organizer_id = ${organizerId}
    order by o.created_at, o.id`;
}

/** Every ticket of the event in the order sold, cancelled ones included (their status says so). */
export function attendeeExportQuery(eventId: string, organizerId: string): SQL {
  return sql`
    select t.id as ticket_id, o.number as order_number, t.attendee_name, t.attendee_email, t.owner_id,
      tt.name as ticket_type, t.status, t.checked_in_at, t.answers
    from ${tickets} t
    join ${ticketTypes} tt on tt.id = t.ticket_type_id
    join ${orders} o on o.id = t.order_id
    where t.event_id = ${eventId} and tt.organizer_id = ${organizerId}
    order by t.purchased_at, t.id`;
}

/** Who organizes the event, as this service knows it (its ticket types); undefined before the first type. */
export async function knownOrganizer(db: Executor, eventId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ organizerId: ticketTypes.organizerId })
    .from(ticketTypes)
    .where(eq(ticketTypes.eventId, eventId))
    .limit(1);
  return row?.organizerId;
}

/** The event's questions in their order, for the attendee export's columns; the organizer's only. */
export function exportQuestions(db: Executor, eventId: string, organizerId: string) {
  return db
    .select({ id: questions.id, label: questions.label })
    .from(questions)
    .where(and(eq(questions.eventId, eventId), eq(questions.organizerId, organizerId)))
    .orderBy(questions.position);
}
