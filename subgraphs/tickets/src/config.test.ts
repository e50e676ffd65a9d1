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
