import { Outlet } from 'react-router';
import { useI18n } from '@/lib/i18n';
import { Header } from './header';

/** Landmarks every page shares: banner (with the main navigation), main, contentinfo. */
export function AppShell() {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Header />
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="footer">
        <p>
          {t('footer.text')} · <a href="/graphql">{t('footer.api')}</a>
        </p>
      </footer>
    </>
  );
}
