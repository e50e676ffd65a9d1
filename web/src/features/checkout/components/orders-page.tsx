import { Page } from '@/components/page';
import { Placeholder } from '@/components/placeholder';
import { useI18n } from '@/lib/i18n';

export function OrdersPage() {
  const { t } = useI18n();
  return (
    <Page title={t('orders.title')}>
      <Placeholder>{t('orders.placeholder')}</Placeholder>
    </Page>
  );
}
