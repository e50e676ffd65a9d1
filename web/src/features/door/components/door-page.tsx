import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';

/**
 * The shop's route for /door/*: the door is its own small app (door.html), which the router serves
 * for /door. A client-side link inside the shop lands here; this page loads the real one.
 */
export function DoorPage() {
  const { t } = useI18n();
  return (
    <Page title={t('door.title')}>
      <p>{t('door.openHint')}</p>
      <p>
        <a href="/door">{t('door.open')}</a>
      </p>
    </Page>
  );
}
