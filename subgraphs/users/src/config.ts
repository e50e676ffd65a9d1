import { z } from 'zod';
import { durationMs, env, sharedVariables } from '@sbor/core';
import { servingSettings, servingVariables, settingsModel } from '@sbor/kit';

const atLeastOne = () => z.number().min(1, 'must be at least 1');

const variables = {
  ...servingVariables('users', 8081),
  JWT_ISSUER: sharedVariables.JWT_ISSUER,
  JWT_AUDIENCE: sharedVariables.JWT_AUDIENCE,
  OUTBOX_INTERVAL_MS: sharedVariables.OUTBOX_INTERVAL_MS,
  ARGON2_MEMORY_KIB: env
    .int(19_456)
    .pipe(z.number().min(8_192, 'must be at least 8192'))
    .describe('argon2id memory cost of password hashes, in KiB; 19456 is OWASP’s minimum for argon2id.'),
  LOGIN_LIMIT_PER_EMAIL: env
    .int(10)
    .pipe(atLeastOne())
    .describe('Failed sign-ins allowed per email address from one client IP in 15 minutes; more answer `RATE_LIMITED`.'),
  LOGIN_LIMIT_PER_IP: env.int(100).pipe(atLeastOne()).describe('Failed sign-ins allowed per client IP in 15 minutes, whatever the email.'),
  LOGIN_LIMIT_PER_ACCOUNT: env
    .int(100)
    .pipe(atLeastOne())
    .describe(
      'Failed sign-ins allowed per email address from all IPs together in 15 minutes; then only IPs that signed in to it within 30 days may try.',
    ),
  REGISTER_LIMIT_PER_IP: env.int(20).pipe(atLeastOne()).describe('Registrations allowed per client IP in an hour.'),
  SMTP_URL: env
    .optionalUrl()
    .describe(
      'SMTP server for email, e.g. `smtp://127.0.0.1:1025` (`smtps://` for TLS): account links from users, notifications from notifications; unset turns email off.',
    ),
  EMAIL_FROM: env.string().default('Sbor <notifications@sbor.local>').describe('Sender of account and notification emails.'),
  PUBLIC_URL: env
    .url()
    .default('http://127.0.0.1:8000')
    .describe('Where browsers reach the router: account email links, the sandbox checkout links and its webhook use it.'),
  MAX_SESSIONS_PER_USER: env
    .int(20)
    .pipe(atLeastOne())
    .describe('Signed-in sessions kept per user; signing in once more ends the oldest, so the newest sign-in always works.'),
  REFRESH_LIMIT_PER_IP: env.int(120).pipe(atLeastOne()).describe('Refresh-token exchanges allowed per client IP in a minute.'),
  RETENTION_INTERVAL_MINUTES: sharedVariables.RETENTION_INTERVAL_MINUTES,
  RETENTION_OUTBOX_SENT_HOURS: sharedVariables.RETENTION_OUTBOX_SENT_HOURS,
  RETENTION_REFRESH_TOKENS_DAYS: env
    .int(7)
    .pipe(atLeastOne())
    .describe(
      'Refresh tokens are deleted this many days after they expire (refused either way), and a session with none left goes with them.',
    ),
  RETENTION_EMAIL_TOKENS_DAYS: env
    .int(7)
    .pipe(atLeastOne())
    .describe('Verification and password-reset links are deleted this many days after they were used or expired (refused either way).'),
};

/** The users service's own variables and the settings they become; `runStandalone` adds the infrastructure ones. */
export const usersSettings = settingsModel(variables, (c) => ({
  ...servingSettings('users', c),
  issuer: c.JWT_ISSUER,
  audience: c.JWT_AUDIENCE,
  outboxIntervalMs: c.OUTBOX_INTERVAL_MS,
  argon2MemoryKib: c.ARGON2_MEMORY_KIB,
  maxSessionsPerUser: c.MAX_SESSIONS_PER_USER,
  mail: { smtpUrl: c.SMTP_URL, from: c.EMAIL_FROM, publicUrl: c.PUBLIC_URL },
  rateLimits: {
    loginPerEmail: c.LOGIN_LIMIT_PER_EMAIL,
    loginPerIp: c.LOGIN_LIMIT_PER_IP,
    loginPerAccount: c.LOGIN_LIMIT_PER_ACCOUNT,
    registerPerIp: c.REGISTER_LIMIT_PER_IP,
    refreshPerIp: c.REFRESH_LIMIT_PER_IP,
  },
  retention: {
    intervalMs: durationMs.minutes(c.RETENTION_INTERVAL_MINUTES),
    outboxSentMs: durationMs.hours(c.RETENTION_OUTBOX_SENT_HOURS),
    refreshTokensMs: durationMs.days(c.RETENTION_REFRESH_TOKENS_DAYS),
    emailTokensMs: durationMs.days(c.RETENTION_EMAIL_TOKENS_DAYS),
  },
}));
export type UsersSettings = z.infer<typeof usersSettings.schema>;
