import type { Database } from '@sbor/db';
import type { ExportRepository } from '../domain/exports.js';
import {
  attendeeExportQuery,
  exportQuestions,
  knownOrganizer,
  orderExportQuery,
  type AttendeeExportRow,
  type OrderExportRow,
} from './queries/exports.js';

/** The exports' reads: lookups through drizzle, the rows through the database's cursor. */
export function exportRepository(database: Database): ExportRepository {
  return {
    knownOrganizer: (eventId) => knownOrganizer(database.db, eventId),
    questions: (eventId, organizerId) => exportQuestions(database.db, eventId, organizerId),
    orders: (eventId, organizerId, batchSize) => database.stream<OrderExportRow>(orderExportQuery(eventId, organizerId), batchSize),
    attendees: (eventId, organizerId, batchSize) =>
      database.stream<AttendeeExportRow>(attendeeExportQuery(eventId, organizerId), batchSize),
  };
}
