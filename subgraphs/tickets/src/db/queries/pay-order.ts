import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '@sbor/db';
import { orderLines, orders } from '../orders.js';
import { outbox } from '../outbox.js';
import { payments, webhookDeliveries, type PaymentProviderName } from '../payments.js';
import { ticketTypes } from '../ticket-types.js';
import { tickets } from '../tickets.js';
import { waitingListEntries } from '../waiting-list.js';
import { ISSUED_COLUMNS, issuedRecords, type IssuedTicketRow } from './place-order.js';

export interface OrderPayment {
  orderId: string;
  /** The payment that succeeded, when it is on record (a provider's); null for an organizer's confirmation. */
  paymentId: string | null;
  /** The webhook that said so, applied once: a redelivery finds it recorded and changes nothing. */
  webhook: { provider: PaymentProviderName; eventId: string } | null;
  tickets: IssuedTicketRow[];
  /** order.paid and one ticket.purchased per ticket. */
  facts: { id: string; topic: string; key: string; payload: string }[];
}

/** PAID: this call paid it; ALREADY_APPLIED: the webhook was seen before; NOT_RESERVED: the order is no longer held (paid, expired or cancelled). */
export type PaymentOutcome = 'PAID' | 'ALREADY_APPLIED' | 'NOT_RESERVED';

/**
 * Pays a RESERVED order in one statement: the order becomes PAID, its lines' holds turn into
 * sales, the payment is marked SUCCEEDED (only one still open or declined: a withdrawn payment
 * pays nothing), other pending payments of the order are withdrawn, the tickets are issued and
 * the facts written, all or nothing; a waiting-list offer it held is ACCEPTED. The order's row lock settles races: of two confirmations (a webhook and its
 * redelivery, or a webhook and the expiry sweeper) the second re-reads the committed row and
 * finds it no longer RESERVED.
 */
export async function payOrder(db: Executor, payment: OrderPayment): Promise<PaymentOutcome> {
  const webhook = payment.webhook;
  const result = await db.execute(sql`
    with seen as (
      ${webhook ? sql`insert into ${webhookDeliveries} (provider, event_id) values (${webhook.provider}, ${webhook.eventId}) on conflict do nothing returning 1` : sql`select 1`}
    ), paid as (
      update ${orders} set status = 'PAID', paid_at = now(), expires_at = null
      where id = ${payment.orderId} and status = 'RESERVED' and exists (select 1 from seen)
        ${payment.paymentId ? sql`and exists (select 1 from ${payments} where id = ${payment.paymentId} and status in ('PENDING', 'FAILED'))` : sql``}
      returning id, buyer_id, event_id
    ), moved as (
      update ${ticketTypes} t set held = t.held - l.quantity, sold = t.sold + l.quantity
      from ${orderLines} l, paid p
      where l.order_id = p.id and t.id = l.ticket_type_id
      returning t.id
    ), settled as (
      update ${payments} set status = 'SUCCEEDED', updated_at = now()
      where id = ${payment.paymentId} and exists (select 1 from paid)
      returning id
    ), superseded as (
      update ${payments} set status = 'CANCELLED', updated_at = now()
      where order_id = ${payment.orderId} and status = 'PENDING' and id is distinct from ${payment.paymentId}::uuid and exists (select 1 from paid)
      returning id
    ), accepted as (
      update ${waitingListEntries} set status = 'ACCEPTED', updated_at = now()
      where order_id in (select id from paid) and status = 'OFFERED'
      returning 1
    ), issued as (
      insert into ${tickets} (id, code, event_id, ticket_type_id, order_id, owner_id, qr_payload, attendee_name, attendee_email, answers)
      select t.id, t.code, p.event_id, t.ticket_type_id, p.id, p.buyer_id, t.qr_payload, t.attendee_name, t.attendee_email, t.answers
      from paid p, jsonb_to_recordset(${issuedRecords(payment.tickets)}::jsonb) as ${ISSUED_COLUMNS}
      returning 1
    ), facts as (
      insert into ${outbox} (id, topic, key, payload, headers)
      select f.id, f.topic, f.key, f.payload, f.headers
      from paid p, jsonb_to_recordset(${JSON.stringify(payment.facts)}::jsonb) as f(id uuid, topic text, key text, payload text, headers jsonb)
      returning 1
    )
    select (select count(*) from seen)::int as seen, (select count(*) from paid)::int as paid,
      (select count(*) from moved)::int as moved, (select count(*) from accepted)::int as accepted, (select count(*) from issued)::int as issued`);
  const [row] = rowsOf<{ seen: number; paid: number; issued: number }>(result);
  if (!row?.seen) return 'ALREADY_APPLIED';
  if (!row.paid) return 'NOT_RESERVED';
  if (row.issued !== payment.tickets.length) {
    throw new Error(`payOrder issued ${row.issued} tickets for ${payment.tickets.length}.`);
  }
  return 'PAID';
}

/** Records a webhook as applied on its own (one that needed no state change), once. True the first time. */
export async function recordWebhook(db: Executor, provider: PaymentProviderName, eventId: string): Promise<boolean> {
  const rows = await db.insert(webhookDeliveries).values({ provider, eventId }).onConflictDoNothing().returning();
  return rows.length > 0;
}
