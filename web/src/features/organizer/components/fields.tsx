import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldProps {
  label: string;
  hint?: ReactNode;
  /** A sentence saying what is wrong, tied to the control for screen readers. */
  error?: string;
}

/** The label, hint and error around one control, with the ids that tie them together. */
function useFieldIds(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, control: { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined } };
}

function Frame({ label, hint, error, ids, children }: FieldProps & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className={error ? 'field org-field invalid' : 'field org-field'}>
      <label htmlFor={ids.id}>{label}</label>
      {children}
      {error && (
        <p id={ids.errorId} className="org-field-error">
          {error}
        </p>
      )}
      {hint && (
        <p id={ids.hintId} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

export function InputField({ label, hint, error, ...input }: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <input {...ids.control} {...input} />
    </Frame>
  );
}

export function TextAreaField({ label, hint, error, ...textarea }: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <textarea {...ids.control} {...textarea} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, children, ...select }: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const ids = useFieldIds(hint, error);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <select {...ids.control} {...select}>
        {children}
      </select>
    </Frame>
  );
}

export function CheckboxField({
  label,
  hint,
  ...input
}: Omit<FieldProps, 'error'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'>) {
  const ids = useFieldIds(hint, undefined);
  return (
    <div className="org-check">
      <input type="checkbox" {...ids.control} {...input} />
      <div>
        <label htmlFor={ids.id}>{label}</label>
        {hint && (
          <p id={ids.hintId} className="hint">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
