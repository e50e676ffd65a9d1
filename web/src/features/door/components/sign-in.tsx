/** @jsxImportSource preact */
import { useState } from 'preact/hooks';
import { login } from '../api/login';
import { failureMessage } from '../failure-message';
import { useDoorI18n } from '../i18n';
import { useDoorServices } from '../services-context';

/** Sign in as the event's organizer or as door staff they named: any account may, the event list says what it can scan. */
export function SignIn() {
  const { t } = useDoorI18n();
  const { api, session } = useDoorServices();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const answer = await login(api, { email: email.trim(), password });
    if (answer.ok) {
      await session.signIn(answer.data.login);
    } else {
      setError(failureMessage(answer.failure, t));
      setBusy(false);
    }
  };

  return (
    <main id="main" class="door-main">
      <h1>{t('door.signIn.title')}</h1>
      <p class="door-muted">{t('door.signIn.intro')}</p>
      <form class="door-form" onSubmit={submit}>
        <label for="door-email">{t('door.signIn.email')}</label>
        <input
          id="door-email"
          type="email"
          autocomplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="door-password">{t('door.signIn.password')}</label>
        <input
          id="door-password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {error && (
          <p class="door-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="door-button is-primary" disabled={busy}>
          {busy ? t('door.wait') : t('door.signIn.submit')}
        </button>
      </form>
    </main>
  );
}
