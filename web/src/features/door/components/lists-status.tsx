/** @jsxImportSource preact */
import { formatScanTime } from '../format';
import { useOnline, useSubscription } from '../hooks';
import { useDoorI18n } from '../i18n';
import { useDoorServices } from '../services-context';

/** How fresh the cached keys and revocation list are, and a way to refresh them now. */
export function ListsStatus() {
  const { t, locale } = useDoorI18n();
  const { lists } = useDoorServices();
  useSubscription(lists);
  const online = useOnline();
  const status = lists.status();
  const updated =
    status.revocationsAt && status.keysAt ? (status.revocationsAt < status.keysAt ? status.revocationsAt : status.keysAt) : undefined;

  return (
    <section class="door-lists" aria-labelledby="door-lists-heading">
      <h2 id="door-lists-heading">{t('door.lists.heading')}</h2>
      <p>
        {updated
          ? t('door.lists.updated', { time: formatScanTime(updated, locale), count: status.revokedCount })
          : t(online ? 'door.lists.downloading' : 'door.lists.missing')}
      </p>
      <button type="button" class="door-button" onClick={() => void lists.refresh()} disabled={!online || status.refreshing}>
        {status.refreshing ? t('door.lists.refreshing') : t('door.lists.refresh')}
      </button>
    </section>
  );
}
