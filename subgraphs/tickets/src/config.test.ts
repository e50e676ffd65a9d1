import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sbor/core';
import { ticketsSettings } from './config.js';

// Strong enough for production (at least 32 characters, no placeholder).
const base = { ROUTER_SECRET: 'a-router-secret-of-some-length-Q7vZ2k' };
const problems = (source: Record<string, string>) => {
  try {
    ticketsSettings.load(source);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
};

describe('ticketsSettings', () => {
  it('offers the sandbox checkout by default in development, and not in production', () => {
    expect(ticketsSettings.load(base).payments.sandbox).toMatchObject({ webhookUrl: 'http://127.0.0.1:8000/webhooks/sandbox' });
    expect(ticketsSettings.load({ ...base, NODE_ENV: 'production' }).payments.sandbox).toBeUndefined();
  });

  it('refuses to start with the sandbox turned on in production, naming the variable', () => {
    expect(problems({ ...base, NODE_ENV: 'production', PAYMENTS_SANDBOX: 'true' })).toEqual([
      'PAYMENTS_SANDBOX: the sandbox checkout issues tickets without payment; it cannot run with NODE_ENV=production',
    ]);
  });

  it('refuses a weak Stripe webhook secret in production, saying how to make one', () => {
    const stripe = { ...base, NODE_ENV: 'production', STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
    expect(problems(stripe)).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET: is too short .*openssl rand -base64 48/)]);
    expect(problems({ ...base, NODE_ENV: 'production', ROUTER_SECRET: 'change-me-placeholder-router-secret' })).toEqual([
      expect.stringMatching(/^ROUTER_SECRET: is a placeholder/),
    ]);
  });

  it('derives one sandbox secret from the router secret, so replicas agree, unless one is given', () => {
    const [a, b] = [ticketsSettings.load(base), ticketsSettings.load(base)];
    expect(a.payments.sandbox!.secret).toBe(b.payments.sandbox!.secret);
    expect(a.payments.sandbox!.secret).not.toContain(base.ROUTER_SECRET);
    expect(ticketsSettings.load({ ...base, SANDBOX_WEBHOOK_SECRET: 'x'.repeat(20) }).payments.sandbox!.secret).toBe('x'.repeat(20));
  });

  it('turns Stripe on only with both of its secrets', () => {
    expect(ticketsSettings.load(base).payments.stripe).toBeUndefined();
    expect(
      ticketsSettings.load({ ...base, STRIPE_SECRET_KEY: 'sk_test_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' }).payments.stripe,
    ).toMatchObject({ secretKey: 'sk_test_1' });
    expect(problems({ ...base, STRIPE_SECRET_KEY: 'sk_test_1' })).toEqual([
      'STRIPE_WEBHOOK_SECRET: is required when the other Stripe secret is set',
    ]);
  });
});

describe('ticketsSettings: retention', () => {
  const DAY = 86_400_000;
  const set = { RETENTION_INTERVAL_MINUTES: '5', RETENTION_OUTBOX_SENT_HOURS: '2', RETENTION_INBOX_DAYS: '3' };

  it('reads each RETENTION_* variable into settings.retention, in milliseconds', () => {
    expect(ticketsSettings.load({ ...base, ...set }).retention).toEqual({ intervalMs: 300_000, outboxSentMs: 7_200_000, inboxMs: 3 * DAY });
  });

  it('prunes hourly, keeping sent facts a week and inbox ids 30 days, when they are unset', () => {
    expect(ticketsSettings.load(base).retention).toEqual({ intervalMs: 3_600_000, outboxSentMs: 7 * DAY, inboxMs: 30 * DAY });
  });

  it.each(Object.keys(set))('refuses %s below 1 or not a number, naming it', (name) => {
    expect(problems({ ...base, [name]: '0' })).toEqual([`${name}: must be at least 1`]);
    expect(problems({ ...base, [name]: 'soon' })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});
