import { useRef, useState, type FormEvent } from 'react';
import { FormDialog } from '@/components/form-dialog';
import { ErrorAlert } from '@/components/error-alert';
import { useI18n } from '@/lib/i18n';
import { useCreateCategory } from '../api/create-category';
import { useFieldError } from '../field-errors';
import { InputField } from './fields';

interface CategoryDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (category: { id: string; name: string }) => void;
}

/** A new category (name, and a slug the API makes from the name when left empty), chosen for the event at once. */
export function CategoryDialog({ open, onClose, onCreated }: CategoryDialogProps) {
  const { t } = useI18n();
  return (
    <FormDialog open={open} title={t('organizer.category.title')} onClose={onClose}>
      <CategoryForm onClose={onClose} onCreated={onCreated} />
    </FormDialog>
  );
}

function CategoryForm({ onClose, onCreated }: Omit<CategoryDialogProps, 'open'>) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [createCategory, { loading, error }] = useCreateCategory();
  const { errorFor, formError } = useFieldError(error, 'category', ['name', 'slug'], formRef);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data } = await createCategory({ variables: { input: { name, slug: slug.trim() || undefined } } }).catch(() => ({
      data: undefined,
    }));
    if (data) onCreated(data.createCategory);
  };

  return (
    <form ref={formRef} className="org-dialog-form" onSubmit={submit}>
      <ErrorAlert error={formError} />
      <InputField
        label={t('organizer.category.name')}
        name="name"
        required
        maxLength={60}
        value={name}
        error={errorFor('name')}
        onChange={(e) => setName(e.target.value)}
      />
      <InputField
        label={t('organizer.category.slug')}
        name="slug"
        hint={t('organizer.category.slugHint')}
        maxLength={60}
        pattern="[a-z0-9]+(-[a-z0-9]+)*"
        value={slug}
        error={errorFor('slug')}
        onChange={(e) => setSlug(e.target.value)}
      />
      <div className="form-dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('organizer.dialog.close')}
        </button>
        <button type="submit" className="button primary" disabled={loading}>
          {loading ? t('form.submitting') : t('organizer.category.submit')}
        </button>
      </div>
    </form>
  );
}
