import { useId, type ReactNode } from 'react';
import { useI18n } from '@/lib/i18n';
import { EMPTY_ATTENDEE, NAME_MAX, type AskedQuestion, type AttendeeDraft, type AttendeeDrafts, type AttendeeSlot } from '../attendees';

interface AttendeeFieldsProps {
  slots: readonly AttendeeSlot[];
  questions: readonly AskedQuestion[];
  drafts: AttendeeDrafts;
  /** The sentence to show under a control, by its name (`attendees.1.answers.0`). */
  errorFor: (path: string) => string | undefined;
  onChange: (key: string, draft: AttendeeDraft) => void;
}

/** Who each chosen ticket is for: a name (checked at the door), an optional email, and the event's questions. */
export function AttendeeFields({ slots, questions, drafts, errorFor, onChange }: AttendeeFieldsProps) {
  const { t } = useI18n();
  if (slots.length === 0) return null;
  return (
    <section className="attendees" aria-labelledby="event-attendees">
      <h3 id="event-attendees">{t('events.attendees.title', { count: slots.length })}</h3>
      <p className="hint">{t('events.attendees.hint')}</p>
      {slots.map((slot, i) => {
        const draft = drafts[slot.key] ?? EMPTY_ATTENDEE;
        const set = (change: Partial<AttendeeDraft>) => onChange(slot.key, { ...draft, ...change });
        const answer = (questionId: string, value: string) => set({ answers: { ...draft.answers, [questionId]: value } });
        return (
          <fieldset key={slot.key} className="attendee">
            <legend>{t('events.attendees.ticket', { n: i + 1, type: slot.typeName })}</legend>
            <Control label={t('events.attendees.name')} error={errorFor(`attendees.${i}.name`)}>
              {(props) => (
                <input
                  {...props}
                  name={`attendees.${i}.name`}
                  required
                  maxLength={NAME_MAX}
                  autoComplete={i === 0 ? 'name' : 'off'}
                  value={draft.name}
                  onChange={(e) => set({ name: e.target.value })}
                />
              )}
            </Control>
            <Control label={t('events.attendees.email')} error={errorFor(`attendees.${i}.email`)}>
              {(props) => (
                <input
                  {...props}
                  name={`attendees.${i}.email`}
                  type="email"
                  autoComplete={i === 0 ? 'email' : 'off'}
                  maxLength={254}
                  value={draft.email}
                  onChange={(e) => set({ email: e.target.value })}
                />
              )}
            </Control>
            {questions.map((question, j) => {
              const name = `attendees.${i}.answers.${j}`;
              const value = draft.answers[question.id] ?? '';
              const label = question.required ? question.label : t('events.attendees.optional', { label: question.label });
              if (question.kind === 'CHECKBOX') {
                return (
                  <Control key={question.id} label={label} error={errorFor(name)} check>
                    {(props) => (
                      <input
                        {...props}
                        type="checkbox"
                        name={name}
                        required={question.required}
                        checked={value === 'true'}
                        onChange={(e) => answer(question.id, String(e.target.checked))}
                      />
                    )}
                  </Control>
                );
              }
              if (question.kind === 'CHOICE') {
                return (
                  <Control key={question.id} label={label} error={errorFor(name)}>
                    {(props) => (
                      <select
                        {...props}
                        name={name}
                        required={question.required}
                        value={value}
                        onChange={(e) => answer(question.id, e.target.value)}
                      >
                        <option value="">{t('events.attendees.choose')}</option>
                        {question.options.map((option) => (
                          <option key={option} value={option}>
                            {option}
                          </option>
                        ))}
                      </select>
                    )}
                  </Control>
                );
              }
              return (
                <Control key={question.id} label={label} error={errorFor(name)}>
                  {(props) => (
                    <input
                      {...props}
                      name={name}
                      required={question.required}
                      maxLength={1000}
                      autoComplete="off"
                      value={value}
                      onChange={(e) => answer(question.id, e.target.value)}
                    />
                  )}
                </Control>
              );
            })}
          </fieldset>
        );
      })}
    </section>
  );
}

interface ControlProps {
  label: string;
  error: string | undefined;
  /** A checkbox: the box before its label. */
  check?: boolean;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}

/** A label, a control and the sentence saying what is wrong with it, tied together for screen readers. */
function Control({ label, error, check = false, children }: ControlProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const control = children({ id, 'aria-describedby': error ? errorId : undefined, 'aria-invalid': error ? true : undefined });
  return (
    <div className={`field${check ? ' attendee-check' : ''}${error ? ' invalid' : ''}`}>
      {check && control}
      <label htmlFor={id}>{label}</label>
      {!check && control}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
