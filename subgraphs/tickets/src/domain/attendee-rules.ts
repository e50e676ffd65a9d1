/**
 * Attendees and their answers, as pure functions: an order names one attendee per ticket, each
 * answering the event's questions (TEXT, CHOICE, CHECKBOX; some required). What is stored keeps
 * each answer's question as it was asked, so replacing the questions later leaves tickets readable.
 */
import { AppError, ErrorCode } from '@sbor/core';
import type { AnswerRecord, AttendeeRecord, QuestionRow } from './repositories.js';

export interface AttendeeInput {
  ticketTypeId: string;
  name: string;
  email?: string | null;
  answers?: readonly { questionId: string; value: string }[] | null;
}

const bad = (message: string, field: string, extensions: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, { ...extensions, field });

const quoted = (label: string) => `“${label}”`;

/**
 * The order's attendees checked against its lines and the event's questions: exactly one per
 * ticket of each type, every required question answered, every answer valid for its question.
 * Returns them as stored, or null when none were given and no question requires an answer.
 * BAD_USER_INPUT names the field: `attendees`, `attendees.1.ticketTypeId`, `attendees.1.answers`
 * (a required question unanswered, with its `questionId`) or `attendees.1.answers.0`.
 */
export function checkAttendees(
  attendees: readonly AttendeeInput[] | null | undefined,
  lines: readonly { ticketTypeId: string; quantity: number }[],
  questions: readonly QuestionRow[],
): AttendeeRecord[] | null {
  if (!attendees) {
    const required = questions.filter((q) => q.required);
    if (required.length === 0) return null;
    throw bad(
      `This event asks every attendee ${required.map((q) => quoted(q.label)).join(', ')}: give one attendee per ticket with their answers.`,
      'attendees',
    );
  }
  const wanted = new Map(lines.map((l) => [l.ticketTypeId, l.quantity]));
  const given = new Map<string, number>();
  attendees.forEach((a, i) => {
    if (!wanted.has(a.ticketTypeId)) throw bad('This attendee’s ticket type is not in the order.', `attendees.${i}.ticketTypeId`);
    given.set(a.ticketTypeId, (given.get(a.ticketTypeId) ?? 0) + 1);
  });
  for (const [ticketTypeId, quantity] of wanted) {
    if ((given.get(ticketTypeId) ?? 0) !== quantity) {
      throw bad(
        `Name one attendee per ticket: ${quantity} of this ticket type, in all ${lines.reduce((n, l) => n + l.quantity, 0)}.`,
        'attendees',
        {
          ticketTypeId,
        },
      );
    }
  }
  return attendees.map((attendee, i) => ({
    ticketTypeId: attendee.ticketTypeId,
    name: attendee.name,
    email: attendee.email ?? null,
    answers: checkAnswers(attendee.answers ?? [], questions, `attendees.${i}.answers`),
  }));
}

function checkAnswers(
  answers: readonly { questionId: string; value: string }[],
  questions: readonly QuestionRow[],
  field: string,
): AnswerRecord[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answered = new Map<string, AnswerRecord>();
  answers.forEach((answer, j) => {
    const question = byId.get(answer.questionId);
    if (!question) throw bad('This event has no such question.', `${field}.${j}.questionId`);
    if (answered.has(question.id)) throw bad(`${quoted(question.label)} is answered twice.`, `${field}.${j}.questionId`);
    const value = answerValue(question, answer.value, `${field}.${j}`);
    if (value !== null) answered.set(question.id, { questionId: question.id, label: question.label, kind: question.kind, value });
  });
  for (const question of questions) {
    if (question.required && !answered.has(question.id)) {
      throw bad(`Answer ${quoted(question.label)}.`, field, { questionId: question.id });
    }
  }
  // In the questions' order, whatever order the answers came in.
  return questions.flatMap((q) => answered.get(q.id) ?? []);
}

/** The value to store, null for an optional question left blank, or BAD_USER_INPUT at `field`. */
function answerValue(question: QuestionRow, raw: string, field: string): string | null {
  const extensions = { questionId: question.id };
  switch (question.kind) {
    case 'TEXT': {
      const value = raw.trim();
      if (value !== '') return value;
      if (question.required) throw bad(`Answer ${quoted(question.label)}.`, field, extensions);
      return null;
    }
    case 'CHOICE': {
      if (raw === '' && !question.required) return null;
      if (!question.options.includes(raw)) {
        throw bad(`Choose one of ${question.options.map(quoted).join(', ')} for ${quoted(question.label)}.`, field, extensions);
      }
      return raw;
    }
    case 'CHECKBOX': {
      if (raw !== 'true' && raw !== 'false') throw bad(`Answer ${quoted(question.label)} with "true" or "false".`, field, extensions);
      if (question.required && raw !== 'true') throw bad(`${quoted(question.label)} must be ticked.`, field, extensions);
      return raw;
    }
  }
}
