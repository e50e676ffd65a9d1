/** @jsxImportSource preact */
import { useOnline } from '../hooks';
import { useDoorI18n } from '../i18n';

/** The brand, whether the device is online, the language switch and signing out. */
export function DoorHeader({ onSignOut }: { onSignOut?: () => void }) {
  const { t, locale, setLocale } = useDoorI18n();
  const online = useOnline();
  return (
    <header class="door-header">
      <span class="door-brand">{t('door.app.name')}</span>
      <span class={`door-connection ${online ? 'is-online' : 'is-offline'}`}>
        <span aria-hidden="true">{online ? '●' : '○'}</span> <span>{t(online ? 'door.connection.online' : 'door.connection.offline')}</span>
      </span>
      <span class="door-header-actions">
        <button
          type="button"
          class="door-button is-quiet"
          lang={locale === 'en' ? 'ru' : 'en'}
          onClick={() => setLocale(locale === 'en' ? 'ru' : 'en')}
        >
          {t('door.language.switchTo')}
        </button>
        {onSignOut && (
          <button type="button" class="door-button is-quiet" onClick={onSignOut}>
            {t('door.signOut')}
          </button>
        )}
      </span>
    </header>
  );
}
