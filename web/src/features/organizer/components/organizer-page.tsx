import { Page } from '@/components/page';
import { Placeholder } from '@/components/placeholder';
import { useI18n } from '@/lib/i18n';

export function OrganizerPage() {
  const { t } = useI18n();
  return (
    <Page title={t('organizer.title')}>
      <Placeholder>{t('organizer.placeholder')}</Placeholder>
    </Page>
  );
}
