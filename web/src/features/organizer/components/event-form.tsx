import { useRef, useState, type FormEvent } from 'react';
import type { EventStatus } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n } from '@/lib/i18n';
import { useCategories } from '../api/categories';
import { isoToLocalInput, localInputToIso, userTimeZone } from '../datetime';
import { useFieldError } from '../field-errors';
import { CategoryDialog } from './category-dialog';
import { InputField, SelectField, TextAreaField } from './fields';

/** The form's own values: text as typed, times as `datetime-local` values in the organizer's zone. */
export interface EventFormValues {
  title: string;
  description: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  categoryId: string;
}

/** What the API takes: times as ISO instants, no category as null. */
export interface EventInput {
  title: string;
  description: string;
  venue: string;
  startsAt: string;
  endsAt: string;
  categoryId: string | null;
}

const FIELDS = ['title', 'description', 'venue', 'startsAt', 'endsAt', 'categoryId'] as const;
type Field = (typeof FIELDS)[number];
const EDITABLE_WHEN_PUBLISHED: readonly Field[] = ['description', 'venue'];

export const emptyEvent: EventFormValues = { title: '', description: '', venue: '', startsAt: '', endsAt: '', categoryId: '' };

export function eventFormValues(event: EventInput, timeZone = userTimeZone()): EventFormValues {
  return {
    title: event.title,
    description: event.description,
    venue: event.venue,
    startsAt: isoToLocalInput(event.startsAt, timeZone),
    endsAt: isoToLocalInput(event.endsAt, timeZone),
    categoryId: event.categoryId ?? '',
  };
}

interface EventFormProps {
  initial: EventFormValues;
  /** The event's status when editing; a new event is a draft. */
  status?: EventStatus;
  submitLabel: string;
  submitting: boolean;
  error: unknown;
  /** Only the fields that changed from `initial`, ready for the API. */
  onSubmit: (changes: Partial<EventInput>) => Promise<unknown>;
}

/**
 * Title, description, venue, start and end, category. A draft changes freely; a published event
 * only its description and venue (the rest is shown, locked); a cancelled or completed one not at all.
 */
export function EventForm({ initial, status = 'DRAFT', submitLabel, submitting, error, onSubmit }: EventFormProps) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(initial);
  const [creatingCategory, setCreatingCategory] = useState(false);
  const categories = useCategories();
  const { errorFor, formError } = useFieldError(error, 'event', FIELDS, formRef);
  const timeZone = userTimeZone();

  // The API names the field; what we know of the values says which of its rules was broken.
  const startIso = localInputToIso(values.startsAt, timeZone);
  const endIso = localInputToIso(values.endsAt, timeZone);
  const dateError = (field: 'startsAt' | 'endsAt') => {
    const error = errorFor(field);
    if (!error) return undefined;
    if (field === 'endsAt' && startIso && endIso && endIso <= startIso) return t('organizer.event.error.endsBeforeStart');
    return error;
  };

  const editable = (field: Field) => status === 'DRAFT' || (status === 'PUBLISHED' && EDITABLE_WHEN_PUBLISHED.includes(field));
  const lockedHint = status === 'PUBLISHED' ? t('organizer.event.lockedHint') : undefined;
  const control = (field: Field) => ({
    name: field,
    value: values[field],
    disabled: !editable(field),
    error: field === 'startsAt' || field === 'endsAt' ? dateError(field) : errorFor(field),
    onChange: (e: { target: { value: string } }) => setValues((current) => ({ ...current, [field]: e.target.value })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: Partial<EventInput> = {};
    for (const field of FIELDS) {
      if (!editable(field) || values[field] === initial[field]) continue;
      if (field === 'startsAt' || field === 'endsAt') changes[field] = localInputToIso(values[field], timeZone);
      else if (field === 'categoryId') changes.categoryId = values.categoryId || null;
      else changes[field] = values[field];
    }
    await onSubmit(changes).catch(() => undefined);
  };

  const anyEditable = FIELDS.some(editable);

  return (
    <>
      <form ref={formRef} className="form org-form" onSubmit={submit}>
        <ErrorAlert error={formError} />
        <InputField
          label={t('organizer.event.title')}
          required
          maxLength={200}
          hint={editable('title') ? undefined : lockedHint}
          {...control('title')}
        />
        <TextAreaField label={t('organizer.event.description')} rows={5} maxLength={10_000} {...control('description')} />
        <InputField label={t('organizer.event.venue')} required maxLength={300} {...control('venue')} />
        <div className="org-row">
          <InputField
            label={t('organizer.event.startsAt')}
            type="datetime-local"
            required
            hint={editable('startsAt') ? t('organizer.timeZoneHint', { zone: timeZone }) : lockedHint}
            {...control('startsAt')}
          />
          <InputField
            label={t('organizer.event.endsAt')}
            type="datetime-local"
            required
            hint={editable('endsAt') ? t('organizer.timeZoneHint', { zone: timeZone }) : lockedHint}
            {...control('endsAt')}
          />
        </div>
        <div className="org-category">
          <SelectField
            label={t('organizer.event.category')}
            hint={editable('categoryId') ? undefined : lockedHint}
            {...control('categoryId')}
          >
            <option value="">{t('organizer.event.noCategory')}</option>
            {categories.data?.categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          {editable('categoryId') && (
            <button type="button" className="button" onClick={() => setCreatingCategory(true)}>
              {t('organizer.category.new')}
            </button>
          )}
        </div>
        {anyEditable && (
          <div>
            <button className="button primary" type="submit" disabled={submitting}>
              {submitting ? t('form.submitting') : submitLabel}
            </button>
          </div>
        )}
      </form>
      <CategoryDialog
        open={creatingCategory}
        onClose={() => setCreatingCategory(false)}
        onCreated={(category) => {
          setValues((current) => ({ ...current, categoryId: category.id }));
          setCreatingCategory(false);
        }}
      />
    </>
  );
}
