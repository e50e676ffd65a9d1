import { useEffect, type RefObject } from 'react';
import { useI18n } from '@/lib/i18n';
import { fieldErrorOf } from '@/lib/i18n/field-error';

/** The forms of the back office; each one's field sentences are `organizer.<form>.error.<field>`. */
export type FormName = 'event' | 'category' | 'schedule' | 'ticketType' | 'refund' | 'cancel' | 'voucher' | 'doorStaff' | 'questions';

const optionsFor = (form: FormName, paths: readonly string[]) => ({
  paths,
  prefix: `organizer.${form}.error`,
  lockedKey: 'organizer.error.locked' as const,
});

/** The sentence for an error the API pinned on one of `paths`, if it did. */
export function useFieldErrorOf(error: unknown, form: FormName, paths: readonly string[]) {
  const { t } = useI18n();
  return error ? fieldErrorOf(error, optionsFor(form, paths), t) : undefined;
}

/**
 * Places a failed submit's error: on the field the API blamed (and moves focus there, so a screen
 * reader reads its label and the error), or, when it names none of this form's fields, above the form.
 * Controls are found by `name`, which is the API's input path (`title`, `items.1.startsAt`), or
 * what `controlOf` makes of it when one control holds several inputs (a question's options).
 */
export function useFieldError(
  error: unknown,
  form: FormName,
  paths: readonly string[],
  formRef: RefObject<HTMLFormElement | null>,
  controlOf: (path: string) => string = (path) => path,
) {
  const fieldError = useFieldErrorOf(error, form, paths);
  const blamed = fieldError ? controlOf(fieldError.path) : undefined;

  useEffect(() => {
    if (!blamed) return;
    const control = formRef.current?.elements.namedItem(blamed);
    if (control instanceof HTMLElement) control.focus();
  }, [blamed, error, formRef]);

  return {
    errorFor: (control: string) => (fieldError && blamed === control ? fieldError.message : undefined),
    /** What to say above the form: the error when no field of this form is to blame. */
    formError: fieldError ? undefined : error,
  };
}
