import type { QuestionInput, QuestionKind } from '@/__generated__/graphql';

/** One question as the organizer edits it: CHOICE options typed one per line. */
export interface QuestionDraft {
  /** Stable across moves, for React's list. */
  key: number;
  label: string;
  kind: QuestionKind;
  required: boolean;
  options: string;
}

export const QUESTION_KINDS: readonly QuestionKind[] = ['TEXT', 'CHOICE', 'CHECKBOX'];

let nextKey = 1;

export const draftsOf = (questions: readonly { label: string; kind: QuestionKind; required: boolean; options: readonly string[] }[]) =>
  questions.map((question): QuestionDraft => ({
    key: nextKey++,
    label: question.label,
    kind: question.kind,
    required: question.required,
    options: question.options.join('\n'),
  }));

export const newDraft = (): QuestionDraft => ({ key: nextKey++, label: '', kind: 'TEXT', required: false, options: '' });

/** The options typed, one per line, without blank lines or the spaces around them. */
export const optionLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** What setQuestions takes: options only for CHOICE (the API refuses them on other kinds). */
export const questionsInput = (drafts: readonly QuestionDraft[]): QuestionInput[] =>
  drafts.map((draft) => ({
    label: draft.label.trim(),
    kind: draft.kind,
    required: draft.required,
    options: draft.kind === 'CHOICE' ? optionLines(draft.options) : null,
  }));

/** The list with item `index` moved one place up (-1) or down (1); unchanged at either end. */
export function moved<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item!);
  return next;
}

/**
 * The control an API path blames: an option's own path (`questions.1.options.2`, one too long) is
 * the options box of its question, since options are typed together.
 */
export const questionControl = (path: string) => path.replace(/^(questions\.\d+\.options)\.\d+$/, '$1');
