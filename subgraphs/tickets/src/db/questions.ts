import { boolean, index, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ticketsSchema } from './schema.js';

export const questionKind = ticketsSchema.enum('question_kind', ['TEXT', 'CHOICE', 'CHECKBOX']);
export type QuestionKind = (typeof questionKind.enumValues)[number];

/**
 * What an event asks of each attendee when they order, in `position` order. `setQuestions`
 * replaces the whole set; answers already given keep their question's label (tickets.answers).
 */
export const questions = ticketsSchema.table(
  'questions',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    organizerId: uuid('organizer_id').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    kind: questionKind('kind').notNull(),
    required: boolean('required').notNull(),
    /** CHOICE: what may be answered; empty for the other kinds. */
    options: text('options').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('questions_event_idx').on(t.eventId, t.position)],
);
export type QuestionRow = typeof questions.$inferSelect;

/** One answer as stored with an order's attendee and on the ticket: the question as it was asked. */
export interface AnswerRecord {
  questionId: string;
  label: string;
  kind: QuestionKind;
  value: string;
}

/** One attendee of an order: who the ticket of that type is for, with their answers. */
export interface AttendeeRecord {
  ticketTypeId: string;
  name: string;
  email: string | null;
  answers: AnswerRecord[];
}
