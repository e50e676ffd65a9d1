import { Link } from 'react-router';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';

export function NotFound() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notFound.home')}</Link>
    </Page>
  );
}
