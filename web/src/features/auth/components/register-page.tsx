import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '@/components/error-alert';
import { Page } from '@/components/page';
import { TextField } from '@/components/text-field';
import { useI18n } from '@/lib/i18n';
import { useRegister } from '../api/register';
import { safeNext } from '../safe-next';

export function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { submit, loading, error } = useRegister();
  const [form, setForm] = useState({ displayName: '', email: '', password: '' });
  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (await submit(form).catch(() => false)) navigate(safeNext(params.get('next')), { replace: true });
  };

  return (
    <Page title={t('register.title')}>
      <form className="form" onSubmit={onSubmit}>
        <ErrorAlert error={error} />
        <TextField
          label={t('auth.displayName')}
          hint={t('auth.displayNameHint')}
          autoComplete="name"
          required
          maxLength={60}
          {...field('displayName')}
        />
        <TextField label={t('auth.email')} type="email" autoComplete="email" required {...field('email')} />
        <TextField
          label={t('auth.password')}
          hint={t('auth.passwordHint')}
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={128}
          {...field('password')}
        />
        <button className="button primary" type="submit" disabled={loading}>
          {loading ? t('form.submitting') : t('register.submit')}
        </button>
        <p>
          {t('register.haveAccount')} <Link to={{ pathname: '/login', search: params.toString() }}>{t('register.signInLink')}</Link>
        </p>
      </form>
    </Page>
  );
}
