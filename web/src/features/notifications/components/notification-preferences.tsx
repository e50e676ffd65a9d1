import { useState, type FormEvent } from 'react';
import type { NotificationPreferencesQuery, NotificationType } from '@/__generated__/graphql';
import { ErrorAlert } from '@/components/error-alert';
import '@/components/ui.css';
import { useI18n, type MessageKey } from '@/lib/i18n';
import { useNotificationPreferences } from '../api/preferences';
import { TYPE_NAMES } from './notification-text';
import './notifications.css';

/** The kinds a person can mute; TICKET_PURCHASED is no longer sent (ORDER_PAID replaced it). */
const MUTABLE: NotificationType[] = [
  'ORDER_PAID',
  'ORDER_EXPIRED',
  'REFUND_ISSUED',
  'EVENT_REMINDER',
  'EVENT_CANCELLED',
  'TICKET_CHECKED_IN',
  'WAITING_LIST_OFFER',
];

const CHANNELS: { name: 'inApp' | 'email' | 'push'; label: MessageKey; hint: MessageKey }[] = [
  { name: 'inApp', label: 'notifications.preferences.inApp', hint: 'notifications.preferences.inAppHint' },
  { name: 'email', label: 'notifications.preferences.email', hint: 'notifications.preferences.emailHint' },
  { name: 'push', label: 'notifications.preferences.push', hint: 'notifications.preferences.pushHint' },
];

/** The account page's section: which channels notify, and which kinds never do. */
export function NotificationPreferences() {
  const { t } = useI18n();
  const { preferences, loading, error } = useNotificationPreferences();
  return (
    <section className="card preferences" aria-labelledby="notification-preferences">
      <h2 id="notification-preferences">{t('notifications.preferences.title')}</h2>
      {preferences ? (
        <PreferencesForm saved={preferences} />
      ) : loading ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <ErrorAlert error={error} />
      )}
    </section>
  );
}

function PreferencesForm({ saved }: { saved: NotificationPreferencesQuery['notificationPreferences'] }) {
  const { t } = useI18n();
  const { update, saving } = useNotificationPreferences();
  const [draft, setDraft] = useState({ email: saved.email, push: saved.push, inApp: saved.inApp, mutedTypes: saved.mutedTypes });
  const [done, setDone] = useState(false);

  const change = (next: Partial<typeof draft>) => {
    setDone(false);
    setDraft({ ...draft, ...next });
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await update({ variables: { input: draft } }).catch(() => undefined);
    setDone(Boolean(result?.data));
  };

  return (
    <form className="form-plain" onSubmit={submit}>
      <fieldset>
        <legend>{t('notifications.preferences.channels')}</legend>
        {CHANNELS.map((channel) => (
          <label key={channel.name} className="check">
            <input type="checkbox" checked={draft[channel.name]} onChange={(e) => change({ [channel.name]: e.target.checked })} />
            <span>
              {t(channel.label)}
              <span className="hint">{t(channel.hint)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('notifications.preferences.kinds')}</legend>
        {MUTABLE.map((type) => (
          <label key={type} className="check">
            <input
              type="checkbox"
              checked={!draft.mutedTypes.includes(type)}
              onChange={(e) =>
                change({ mutedTypes: e.target.checked ? draft.mutedTypes.filter((muted) => muted !== type) : [...draft.mutedTypes, type] })
              }
            />
            <span>{t(TYPE_NAMES[type])}</span>
          </label>
        ))}
      </fieldset>
      <ErrorAlert error={saving.error} />
      <div className="button-row">
        <button className="button primary" type="submit" disabled={saving.loading}>
          {saving.loading ? t('form.submitting') : t('notifications.preferences.save')}
        </button>
        <span role="status">{done ? t('notifications.preferences.saved') : ''}</span>
      </div>
    </form>
  );
}
