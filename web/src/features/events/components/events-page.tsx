import { Page } from '@/components/page';
import { Placeholder } from '@/components/placeholder';
import { useI18n } from '@/lib/i18n';

export function EventsPage() {
  const { t } = useI18n();
  return (
    <Page title={t('events.title')}>
      <Placeholder>{t('events.placeholder')}</Placeholder>
    </Page>
  );
}
