import { Page } from '@/components/page';
import { Placeholder } from '@/components/placeholder';
import { useI18n } from '@/lib/i18n';

export function TicketsPage() {
  const { t } = useI18n();
  return (
    <Page title={t('tickets.title')}>
      <Placeholder>{t('tickets.placeholder')}</Placeholder>
    </Page>
  );
}
