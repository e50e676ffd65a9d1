import { useRouteError } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';

/** A page that failed to load or render (a lost connection while fetching its code, a bug). */
export function RouteError() {
  const { t } = useI18n();
  const error = useRouteError();
  return (
    <main id="main" className="main">
      <Page title={t('form.errorTitle')}>
        <ErrorAlert error={error} />
        <a href="/">{t('notFound.home')}</a>
      </Page>
    </main>
  );
}
