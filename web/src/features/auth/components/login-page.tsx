import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { TextField } from '@/components/text-field';
import { useI18n } from '@/lib/i18n';
import { useLogin } from '../api/login';
import { safeNext } from '../safe-next';

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { submit, loading, error } = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(email, password).catch(() => false)) navigate(safeNext(params.get('next')), { replace: true });
  };

  return (
    <Page title={t('login.title')}>
      <form className="form" onSubmit={onSubmit}>
        <ErrorAlert error={error} />
        <TextField
          label={t('auth.email')}
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('auth.password')}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="button primary" type="submit" disabled={loading}>
          {loading ? t('form.submitting') : t('login.submit')}
        </button>
        <p>
          <Link to="/reset-password">{t('login.forgot')}</Link>
        </p>
        <p>
          {t('login.noAccount')} <Link to={{ pathname: '/register', search: params.toString() }}>{t('login.registerLink')}</Link>
        </p>
      </form>
    </Page>
  );
}
