import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '@/components/error-alert';
import { TextField } from '@/components/text-field';
import { useI18n } from '@/lib/i18n';
import { useUpdateProfile } from '../api/update-profile';

/** The display name, editable in place. */
export function ProfileForm({ displayName }: { displayName: string }) {
  const { t } = useI18n();
  const { rename, loading, error } = useUpdateProfile();
  const [name, setName] = useState(displayName);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(await rename(name.trim()).catch(() => false));
  };

  return (
    <form className="profile-form" onSubmit={submit}>
      <TextField
        label={t('auth.displayName')}
        hint={t('auth.displayNameHint')}
        autoComplete="name"
        required
        maxLength={60}
        value={name}
        onChange={(e) => {
          setDone(false);
          setName(e.target.value);
        }}
      />
      <ErrorAlert error={error} />
      <div className="button-row">
        <button className="button primary" type="submit" disabled={loading || !name.trim() || name.trim() === displayName}>
          {loading ? t('form.submitting') : t('notifications.preferences.save')}
        </button>
        <span role="status">{done ? t('notifications.preferences.saved') : ''}</span>
      </div>
    </form>
  );
}
