import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { TextField } from '@/components/text-field';
import { firstApiError } from '@/lib/api/errors';
import { useI18n } from '@/lib/i18n';
import { useSession } from '@/lib/session';
import { useRequestPasswordReset, useResetPassword } from '../api/account-email';
import { tokenFromHash } from '../link-token';

/**
 * `/reset-password`: without a token, asks for the address to email a link to (the answer is the
 * same whether it has an account or not); with the link's `#token=`, sets the new password.
 */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  return <Page title={t('account.reset.title')}>{token ? <NewPasswordForm token={token} /> : <RequestForm />}</Page>;
}

function RequestForm() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [request, { data, loading, error }] = useRequestPasswordReset();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void request({ variables: { email: email.trim() } }).catch(() => undefined);
  };
  if (data?.requestPasswordReset) {
    return (
      <div className="card">
        <p role="status">{t('account.reset.sent', { email: email.trim() })}</p>
        <p>
          <Link to="/login">{t('account.reset.backToLogin')}</Link>
        </p>
      </div>
    );
  }
  return (
    <form className="form" onSubmit={submit}>
      <p>{t('account.reset.intro')}</p>
      <ErrorAlert error={error} />
      <TextField
        label={t('auth.email')}
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <button className="button primary" type="submit" disabled={loading}>
        {loading ? t('form.submitting') : t('account.reset.send')}
      </button>
    </form>
  );
}

function NewPasswordForm({ token }: { token: string }) {
  const { t } = useI18n();
  const session = useSession();
  const [password, setPassword] = useState('');
  const [reset, { data, loading, error }] = useResetPassword();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await reset({ variables: { token, newPassword: password } }).catch(() => undefined);
    // Every session of the account ended on the server; this tab's too.
    if (result?.data?.resetPassword) await session.signOut().catch(() => undefined);
  };
  if (data?.resetPassword) {
    return (
      <div className="card">
        <p role="status">{t('account.reset.done')}</p>
        <p>
          <Link className="button primary" to="/login">
            {t('login.submit')}
          </Link>
        </p>
      </div>
    );
  }
  const api = firstApiError(error);
  const badLink = api?.code === 'BAD_USER_INPUT' && api.extensions.field === 'token';
  return (
    <form className="form" onSubmit={submit}>
      {badLink ? (
        <div className="notice error" role="alert">
          <p>{t('account.reset.expired')}</p>
          <Link to="/reset-password">{t('account.reset.again')}</Link>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <TextField
        label={t('account.reset.newPassword')}
        hint={t('auth.passwordHint')}
        type="password"
        autoComplete="new-password"
        required
        minLength={10}
        maxLength={128}
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button className="button primary" type="submit" disabled={loading}>
        {loading ? t('form.submitting') : t('account.reset.save')}
      </button>
    </form>
  );
}
