import { Page } from '@/components/page';
import { Placeholder } from '@/components/placeholder';
import { useI18n } from '@/lib/i18n';

export function EventPage() {
  const { t } = useI18n();
  return (
    <Page title={t('event.title')}>
      <Placeholder>{t('event.placeholder')}</Placeholder>
    </Page>
  );
}
