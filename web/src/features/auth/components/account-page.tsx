import { useNavigate } from 'react-router';
import { Page } from '@/components/page';
import { useI18n } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import { useViewer } from '../api/me';

export function AccountPage() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const { viewer } = useViewer();

  const signOut = async () => {
    await session.signOut();
    navigate('/', { replace: true });
  };

  return (
    <Page title={t('account.title')}>
      {viewer ? (
        <dl className="facts">
          <dt>{t('account.name')}</dt>
          <dd>{viewer.displayName}</dd>
          <dt>{t('account.email')}</dt>
          <dd>{viewer.email}</dd>
          <dt>{t('account.role')}</dt>
          <dd>{t(viewer.role === 'ORGANIZER' ? 'role.ORGANIZER' : 'role.USER')}</dd>
        </dl>
      ) : (
        <p>{t('app.loading')}</p>
      )}
      <button className="button" type="button" onClick={signOut}>
        {t('account.signOut')}
      </button>
    </Page>
  );
}
