import { Outlet } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';
import { useSessionState } from '@/lib/session';
import { useBecomeOrganizer } from '../api/become-organizer';

/**
 * The back office is for organizers. The role is read from the session's token, which is what the
 * API checks; a user sees what organizing offers and becomes one with a click.
 */
export function RequireOrganizer() {
  const session = useSessionState();
  if (session.status === 'signed-in' && session.claims.role === 'ORGANIZER') return <Outlet />;
  return <BecomeOrganizer />;
}

function BecomeOrganizer() {
  const { t } = useI18n();
  const { submit, loading, error } = useBecomeOrganizer();
  return (
    <Page title={t('organizer.become.title')}>
      <div className="org-panel org-become">
        <p>{t('organizer.become.intro')}</p>
        <ul>
          <li>{t('organizer.become.events')}</li>
          <li>{t('organizer.become.tickets')}</li>
          <li>{t('organizer.become.orders')}</li>
          <li>{t('organizer.become.sales')}</li>
        </ul>
        <ErrorAlert error={error} />
        <button className="button primary" type="button" disabled={loading} onClick={() => void submit().catch(() => undefined)}>
          {loading ? t('form.submitting') : t('organizer.become.submit')}
        </button>
      </div>
    </Page>
  );
}
