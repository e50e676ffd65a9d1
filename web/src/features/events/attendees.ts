import type { AttendeeInput, QuestionKind } from '@/__generated__/graphql';
import type { ApiErrorInfo } from '@/lib/api/errors';
import type { Selection } from './selection';

/** A question of the event, as the buyer answers it (`Event.questions`). */
export interface AskedQuestion {
  id: string;
  label: string;
  kind: QuestionKind;
  required: boolean;
  options: readonly string[];
}

/** One ticket of the selection, to be given an attendee. */
export interface AttendeeSlot {
  /** Stable while quantities change, so what was typed for the first Standard ticket stays with it. */
  key: string;
  ticketTypeId: string;
  typeName: string;
}

/** What the buyer typed for one ticket; answers by question id (CHECKBOX as "true"/"false"). */
export interface AttendeeDraft {
  name: string;
  email: string;
  answers: Readonly<Record<string, string>>;
}

export type AttendeeDrafts = Readonly<Record<string, AttendeeDraft>>;

/** Why a control is refused before sending: the sentence is `events.attendees.error.<reason>`. */
export type AttendeeProblemReason = 'name' | 'email' | QuestionKind;

export interface AttendeeProblem {
  /** The control's name, which is the API's input path (`attendees.1.answers.0`). */
  path: string;
  reason: AttendeeProblemReason;
}

export const NAME_MAX = 100;
export const EMPTY_ATTENDEE: AttendeeDraft = { name: '', email: '', answers: {} };

/** One slot per ticket chosen, in the types' order, as many as each quantity. */
export function attendeeSlots(types: readonly { id: string; name: string }[], selection: Selection): AttendeeSlot[] {
  return types.flatMap((type) =>
    Array.from({ length: selection[type.id] ?? 0 }, (_, n) => ({ key: `${type.id}#${n}`, ticketTypeId: type.id, typeName: type.name })),
  );
}

const answerOf = (question: AskedQuestion, draft: AttendeeDraft) =>
  draft.answers[question.id] ?? (question.kind === 'CHECKBOX' ? 'false' : '');

/**
 * The order's `attendees`: one per slot, each answering every question in the questions' order (an
 * optional one left blank is sent blank, which the API stores as unanswered). Answer `j` is thus
 * question `j`, so the API's `attendees.1.answers.0` is the first question's control.
 */
export function attendeesInput(
  slots: readonly AttendeeSlot[],
  drafts: AttendeeDrafts,
  questions: readonly AskedQuestion[],
): AttendeeInput[] {
  return slots.map((slot) => {
    const draft = drafts[slot.key] ?? EMPTY_ATTENDEE;
    return {
      ticketTypeId: slot.ticketTypeId,
      name: draft.name.trim(),
      email: draft.email.trim() || null,
      answers: questions.map((question) => ({ questionId: question.id, value: answerOf(question, draft) })),
    };
  });
}

/** A plausible address; the API has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the API would refuse, found before sending, in the order of the controls. */
export function attendeeProblems(
  slots: readonly AttendeeSlot[],
  drafts: AttendeeDrafts,
  questions: readonly AskedQuestion[],
): AttendeeProblem[] {
  return slots.flatMap((slot, i) => {
    const draft = drafts[slot.key] ?? EMPTY_ATTENDEE;
    const problems: AttendeeProblem[] = [];
    const name = draft.name.trim();
    if (name === '' || name.length > NAME_MAX) problems.push({ path: `attendees.${i}.name`, reason: 'name' });
    const email = draft.email.trim();
    if (email !== '' && !EMAIL.test(email)) problems.push({ path: `attendees.${i}.email`, reason: 'email' });
    questions.forEach((question, j) => {
      const value = answerOf(question, draft);
      const missing = question.kind === 'CHECKBOX' ? value !== 'true' : value.trim() === '';
      if (question.required && missing) problems.push({ path: `attendees.${i}.answers.${j}`, reason: question.kind });
    });
    return problems;
  });
}

/**
 * The control a refusal of reserveTickets blames, and why: `attendees.0.name`, an answer
 * (`attendees.1.answers.0`, or `attendees.1.answers` with the unanswered `questionId`), or
 * undefined when it is about no one control (the count of attendees, stock, the voucher).
 */
export function blamedAttendeeControl(api: ApiErrorInfo | undefined, questions: readonly AskedQuestion[]): AttendeeProblem | undefined {
  const field = api?.extensions.field;
  if (!api || typeof field !== 'string') return undefined;
  const person = /^attendees\.(\d+)\.(name|email)$/.exec(field);
  if (person) return { path: field, reason: person[2] as 'name' | 'email' };
  const answer = /^attendees\.(\d+)\.answers(?:\.(\d+))?(?:\.questionId|\.value)?$/.exec(field);
  if (!answer) return undefined;
  const j = answer[2] !== undefined ? Number(answer[2]) : questions.findIndex((question) => question.id === api.extensions.questionId);
  const question = questions[j];
  return question ? { path: `attendees.${answer[1]}.answers.${j}`, reason: question.kind } : undefined;
}
