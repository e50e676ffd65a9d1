import { Link, Outlet, useLocation } from 'react-router';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';
import { useSessionState } from '@/lib/session';

/** Guards the pages that are someone's own: asks to sign in, then comes back here. */
export function RequireSignIn() {
  const { t } = useI18n();
  const { status } = useSessionState();
  const location = useLocation();
  if (status === 'restoring') return <p className="placeholder">{t('app.loading')}</p>;
  if (status === 'signed-out') {
    const next = new URLSearchParams({ next: location.pathname + location.search });
    return (
      <Page title={t('auth.required.title')}>
        <p>{t('auth.required.body')}</p>
        <Link className="button primary" to={{ pathname: '/login', search: next.toString() }}>
          {t('header.signIn')}
        </Link>
      </Page>
    );
  }
  return <Outlet />;
}
