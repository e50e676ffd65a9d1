import { Link, NavLink } from 'react-router';
import { useViewer } from '@/features/auth/api/me';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { useI18n } from '@/lib/i18n';
import { LanguageSwitch } from './language-switch';

const PersonIcon = () => (
  <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
    <circle cx="12" cy="8" r="4" />
    <path d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7" strokeLinecap="round" />
  </svg>
);

export function Header() {
  const { t } = useI18n();
  const { status, viewer } = useViewer();
  return (
    <header className="header">
      <div className="header-bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        <div className="header-actions">
          {status === 'signed-in' && <NotificationBell />}
          <LanguageSwitch />
          {status === 'signed-in' && viewer && (
            <NavLink to="/account" className="account-link" aria-label={t('header.account', { name: viewer.displayName })}>
              <PersonIcon />
              <span>{viewer.displayName}</span>
            </NavLink>
          )}
          {status === 'signed-out' && (
            <>
              <NavLink to="/login" className="header-link">
                {t('header.signIn')}
              </NavLink>
              <Link to="/register" className="button primary small">
                {t('header.register')}
              </Link>
            </>
          )}
        </div>
        <nav className="nav" aria-label={t('nav.label')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.events')}
              </NavLink>
            </li>
            <li>
              <NavLink to="/tickets">{t('nav.tickets')}</NavLink>
            </li>
            <li>
              <NavLink to="/orders">{t('nav.orders')}</NavLink>
            </li>
            {viewer && (
              <li>
                <NavLink to="/organizer">{t('nav.organizer')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}
