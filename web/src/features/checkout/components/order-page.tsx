import { Page } from '@/components/page';
import { Placeholder } from '@/components/placeholder';
import { useI18n } from '@/lib/i18n';

export function OrderPage() {
  const { t } = useI18n();
  return (
    <Page title={t('order.title')}>
      <Placeholder>{t('order.placeholder')}</Placeholder>
    </Page>
  );
}
