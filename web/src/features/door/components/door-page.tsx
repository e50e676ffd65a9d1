import { Page } from '@/components/page';
import { Placeholder } from '@/components/placeholder';
import { useI18n } from '@/lib/i18n';

export function DoorPage() {
  const { t } = useI18n();
  return (
    <Page title={t('door.title')}>
      <Placeholder>{t('door.placeholder')}</Placeholder>
    </Page>
  );
}
