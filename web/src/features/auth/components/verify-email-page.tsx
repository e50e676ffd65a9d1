import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { firstApiError } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { useVerifyEmail } from '../api/account-email';
import { tokenFromHash } from '../link-token';

/** `/verify-email#token=…`: the link of the verification email confirms the address at once. */
export function VerifyEmailPage() {
  const { t } = useI18n();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const [verify, { data, error, called }] = useVerifyEmail();
  const sent = useRef(false);

  useEffect(() => {
    // Once, even under StrictMode's double effect: a token works once.
    if (!token || sent.current) return;
    sent.current = true;
    void verify({ variables: { token } }).catch(() => undefined);
  }, [token, verify]);

  const expired = firstApiError(error)?.code === 'BAD_USER_INPUT';
  return (
    <Page title={t('account.verify.title')}>
      <div className="card">
        {!token ? (
          <p>{t('account.verify.noToken')}</p>
        ) : data?.verifyEmail ? (
          <p role="status">{t('account.verify.done')}</p>
        ) : expired ? (
          <p role="alert">{t('account.verify.expired')}</p>
        ) : error ? (
          <ErrorAlert error={error} />
        ) : (
          <p role="status">{called ? t('account.verify.checking') : ''}</p>
        )}
        <p>
          <Link to="/">{t('notFound.home')}</Link> · <Link to="/account">{t('account.verify.toAccount')}</Link>
        </p>
      </div>
    </Page>
  );
}
