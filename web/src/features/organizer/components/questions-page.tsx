import { useRef, useState, type FormEvent } from 'react';
import type { QuestionKind } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n } from '@/lib/i18n';
import { isOpen, type OrganizerEvent } from '../api/event';
import { useQuestions, useSetQuestions, type OrganizerQuestion } from '../api/questions';
import { useFieldError } from '../field-errors';
import { draftsOf, moved, newDraft, optionLines, QUESTION_KINDS, questionControl, questionsInput, type QuestionDraft } from '../questions';
import { useEventContext } from './event-layout';
import { CheckboxField, InputField, SelectField, TextAreaField } from './fields';

/** /organizer/events/:id/questions: what each attendee is asked when ordering, edited as a whole and saved with setQuestions. */
export function QuestionsPage() {
  const { t } = useI18n();
  const { event } = useEventContext();
  const { data, error } = useQuestions(event.id);
  const questions = data?.event?.questions;
  return (
    <section aria-labelledby="org-questions-heading">
      <h2 id="org-questions-heading">{t('organizer.section.questions')}</h2>
      <p className="org-lead">{t('organizer.questions.intro')}</p>
      <ErrorAlert error={error} />
      {!questions ? (
        <p className="placeholder">{t('app.loading')}</p>
      ) : isOpen(event) ? (
        <QuestionsEditor event={event} questions={questions} />
      ) : (
        <QuestionsList questions={questions} />
      )}
    </section>
  );
}

/** A cancelled or finished event keeps its questions as they were. */
function QuestionsList({ questions }: { questions: readonly OrganizerQuestion[] }) {
  const { t } = useI18n();
  return (
    <>
      <p className="org-note">{t('organizer.event.closedNote')}</p>
      {questions.length === 0 ? (
        <p className="placeholder">{t('organizer.questions.none')}</p>
      ) : (
        <ol className="org-schedule-list">
          {questions.map((question) => (
            <li key={question.id}>
              <strong>{question.label}</strong>
              <span className="org-meta">
                {t(`organizer.questions.kind.${question.kind}`)}
                {question.required && ` · ${t('organizer.questions.requiredShort')}`}
                {question.options.length > 0 && ` · ${question.options.join(', ')}`}
              </span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function QuestionsEditor({ event, questions }: { event: OrganizerEvent; questions: readonly OrganizerQuestion[] }) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [drafts, setDrafts] = useState(() => draftsOf(questions));
  const [saved, setSaved] = useState(false);
  const [setQuestions, { loading, error, reset }] = useSetQuestions();
  const paths = drafts.flatMap((draft, i) => [
    `questions.${i}.label`,
    `questions.${i}.kind`,
    `questions.${i}.options`,
    ...optionLines(draft.options).map((_, k) => `questions.${i}.options.${k}`),
  ]);
  const { errorFor, formError } = useFieldError(error, 'questions', paths, formRef, questionControl);

  const update = (next: (current: QuestionDraft[]) => QuestionDraft[]) => {
    setSaved(false);
    setDrafts(next);
  };
  const change = <K extends 'label' | 'kind' | 'required' | 'options'>(index: number, field: K, value: QuestionDraft[K]) =>
    update((current) => current.map((draft, i) => (i === index ? { ...draft, [field]: value } : draft)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    reset();
    const result = await setQuestions({ variables: { eventId: event.id, questions: questionsInput(drafts) } }).catch(() => undefined);
    if (!result?.data) return;
    setDrafts(draftsOf(result.data.setQuestions.questions));
    setSaved(true);
  };

  return (
    <form ref={formRef} className="org-schedule" onSubmit={submit}>
      <ErrorAlert error={formError} />
      {drafts.length === 0 && <p className="placeholder">{t('organizer.questions.none')}</p>}
      <ol className="org-schedule-items">
        {drafts.map((draft, index) => {
          const n = index + 1;
          const name = (field: string) => `questions.${index}.${field}`;
          return (
            <li key={draft.key}>
              <fieldset className="org-schedule-item">
                <legend>{t('organizer.questions.item', { n })}</legend>
                <InputField
                  label={t('organizer.questions.label')}
                  name={name('label')}
                  required
                  maxLength={200}
                  autoComplete="off"
                  hint={t('organizer.questions.labelHint')}
                  value={draft.label}
                  error={errorFor(name('label'))}
                  onChange={(e) => change(index, 'label', e.target.value)}
                />
                <div className="org-row">
                  <SelectField
                    label={t('organizer.questions.kind')}
                    name={name('kind')}
                    value={draft.kind}
                    error={errorFor(name('kind'))}
                    onChange={(e) => change(index, 'kind', e.target.value as QuestionKind)}
                  >
                    {QUESTION_KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`organizer.questions.kind.${kind}`)}
                      </option>
                    ))}
                  </SelectField>
                  <CheckboxField
                    label={t('organizer.questions.required')}
                    name={name('required')}
                    hint={draft.kind === 'CHECKBOX' ? t('organizer.questions.requiredCheckboxHint') : undefined}
                    checked={draft.required}
                    onChange={(e) => change(index, 'required', e.target.checked)}
                  />
                </div>
                {draft.kind === 'CHOICE' && (
                  <TextAreaField
                    label={t('organizer.questions.options')}
                    name={name('options')}
                    rows={4}
                    required
                    hint={t('organizer.questions.optionsHint')}
                    value={draft.options}
                    error={errorFor(name('options'))}
                    onChange={(e) => change(index, 'options', e.target.value)}
                  />
                )}
                <div className="org-item-actions">
                  <button
                    type="button"
                    className="button small"
                    disabled={index === 0}
                    aria-label={t('organizer.questions.moveUp', { n })}
                    onClick={() => update((current) => moved(current, index, -1))}
                  >
                    {t('organizer.schedule.up')}
                  </button>
                  <button
                    type="button"
                    className="button small"
                    disabled={index === drafts.length - 1}
                    aria-label={t('organizer.questions.moveDown', { n })}
                    onClick={() => update((current) => moved(current, index, 1))}
                  >
                    {t('organizer.schedule.down')}
                  </button>
                  <button
                    type="button"
                    className="button small danger-outline"
                    aria-label={t('organizer.questions.remove', { n })}
                    onClick={() => update((current) => current.filter((_, i) => i !== index))}
                  >
                    {t('organizer.schedule.remove')}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="org-form-actions">
        <button type="button" className="button" onClick={() => update((current) => [...current, newDraft()])}>
          {t('organizer.questions.add')}
        </button>
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? t('form.submitting') : t('organizer.questions.save')}
        </button>
      </div>
      <p role="status" className="org-saved">
        {saved && !error ? t('organizer.questions.saved', { count: drafts.length }) : ''}
      </p>
    </form>
  );
}
