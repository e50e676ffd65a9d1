import { isUuid, type Viewer } from '@sbor/core';
import type { EventsClient } from '../clients/events.js';
import type { UsersClient } from '../clients/users.js';
import type { AttendeeExportRow, OrderExportRow } from '../db/queries/exports.js';
import { csvRow, UTF8_BOM, type CsvValue } from './csv.js';

export type { AttendeeExportRow, OrderExportRow };

/** Rows read per batch: the most an export holds in memory at once. */
export const EXPORT_BATCH = 1000;

/** What the exports read: each scoped to the organizer in its query, each a cursor over the rows. */
export interface ExportRepository {
  /** The event's organizer as this service knows it (from its ticket types); undefined before it has any. */
  knownOrganizer(eventId: string): Promise<string | undefined>;
  questions(eventId: string, organizerId: string): Promise<{ id: string; label: string }[]>;
  orders(eventId: string, organizerId: string, batchSize: number): AsyncIterable<OrderExportRow[]>;
  attendees(eventId: string, organizerId: string, batchSize: number): AsyncIterable<AttendeeExportRow[]>;
}

/** The documented columns (docs/api.md, "Exports"). */
export const ORDER_COLUMNS = [
  'order_number',
  'status',
  'created_at',
  'paid_at',
  'buyer_id',
  'buyer_name',
  'items',
  'tickets',
  'voucher_code',
  'total_cents',
  'refunded_cents',
  'currency',
] as const;
/** Then one column per question of the event, headed by its label, and `other_answers`. */
export const ATTENDEE_COLUMNS = [
  'ticket_id',
  'order_number',
  'attendee_name',
  'attendee_email',
  'holder_name',
  'ticket_type',
  'status',
  'checked_in_at',
] as const;

/**
 * An event's orders and attendees as CSV, for its organizer only: everyone else is told the event
 * does not exist. The file is produced batch by batch from a database cursor, never whole in
 * memory. No ticket codes: a file that gets forwarded must not let anyone walk in.
 */
export class Exports {
  constructor(
    private readonly repository: ExportRepository,
    private readonly events: EventsClient,
    private readonly users: Pick<UsersClient, 'displayNames'>,
  ) {}

  /** True when the viewer organizes the event; asks the events service only about an event with no ticket types yet. */
  async mayExport(viewer: Viewer | null, eventId: string): Promise<boolean> {
    if (!viewer || !isUuid(eventId)) return false;
    const known = await this.repository.knownOrganizer(eventId);
    if (known) return known === viewer.userId;
    return (await this.events.getEvent(eventId))?.organizerId === viewer.userId;
  }

  async *ordersCsv(eventId: string, organizerId: string): AsyncGenerator<string> {
    yield UTF8_BOM + csvRow(ORDER_COLUMNS);
    for await (const batch of this.repository.orders(eventId, organizerId, EXPORT_BATCH)) {
      const names = await this.users.displayNames(batch.map((o) => o.buyer_id));
      yield batch
        .map((o) =>
          csvRow([
            o.number,
            o.status,
            o.created_at,
            o.paid_at,
            o.buyer_id,
            names.get(o.buyer_id),
            o.items,
            o.tickets,
            o.voucher_code,
            o.total_cents,
            o.refunded_cents,
            o.currency,
          ]),
        )
        .join('');
    }
  }

  async *attendeesCsv(eventId: string, organizerId: string): AsyncGenerator<string> {
    const questions = await this.repository.questions(eventId, organizerId);
    const asked = new Set(questions.map((q) => q.id));
    yield UTF8_BOM + csvRow([...ATTENDEE_COLUMNS, ...questions.map((q) => q.label), 'other_answers']);
    for await (const batch of this.repository.attendees(eventId, organizerId, EXPORT_BATCH)) {
      const names = await this.users.displayNames(batch.map((t) => t.owner_id));
      yield batch
        .map((t) => {
          const answers = t.answers ?? [];
          const byQuestion = new Map(answers.map((a) => [a.questionId, a.value]));
          // Answers to questions the organizer has since removed keep their label here.
          const other = answers.filter((a) => !asked.has(a.questionId)).map((a) => `${a.label}: ${a.value}`);
          const cells: CsvValue[] = [
            t.ticket_id,
            t.order_number,
            t.attendee_name,
            t.attendee_email,
            names.get(t.owner_id),
            t.ticket_type,
            t.status,
            t.checked_in_at,
            ...questions.map((q) => byQuestion.get(q.id)),
            other.join('; '),
          ];
          return csvRow(cells);
        })
        .join('');
    }
  }
}
