import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { Page } from '@/components/page';
import '@/components/ui.css';
import { useI18n } from '@/lib/i18n';
import { clearOfflineCopies } from '@/lib/offline/offline-copy';
import { useSession } from '@/lib/session';
import { useViewer } from '../api/me';
import { ProfileForm } from './profile-form';
import './account.css';

/** `/account`: the profile, then whatever sections the app adds (notification preferences), then signing out. */
export function AccountPage({ sections }: { sections?: ReactNode }) {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const { viewer } = useViewer();

  const signOut = async () => {
    await session.signOut();
    // Tickets kept for offline use are this person's; they do not stay on a device they left.
    clearOfflineCopies();
    navigate('/', { replace: true });
  };

  return (
    <Page title={t('account.title')}>
      <div className="account">
        <section className="card">
          {viewer ? (
            <>
              <dl className="facts">
                <dt>{t('account.name')}</dt>
                <dd>{viewer.displayName}</dd>
                <dt>{t('account.email')}</dt>
                <dd>{viewer.email}</dd>
                <dt>{t('account.role')}</dt>
                <dd>{t(viewer.role === 'ORGANIZER' ? 'role.ORGANIZER' : 'role.USER')}</dd>
              </dl>
              <details className="rename">
                <summary>{t('notifications.profile.rename')}</summary>
                <ProfileForm key={viewer.displayName} displayName={viewer.displayName} />
              </details>
            </>
          ) : (
            <p>{t('app.loading')}</p>
          )}
        </section>
        {sections}
        <div>
          <button className="button" type="button" onClick={signOut}>
            {t('account.signOut')}
          </button>
        </div>
      </div>
    </Page>
  );
}
