import { describe, expect, it } from 'vitest';
import { secretMatcher, secretsEqual } from './secrets.js';

describe('secretsEqual / secretMatcher (the router secret check)', () => {
  const secret = 'router-secret-0123456789abcdef';
  const matches = secretMatcher(secret);

  it('accepts the secret itself, every time it is asked', () => {
    expect(matches(secret)).toBe(true);
    expect(matches(secret)).toBe(true);
    expect(secretsEqual(secret, secret)).toBe(true);
  });

  it('refuses anything else: another value, a prefix, a longer one, a missing or non-string header', () => {
    for (const given of ['router-secret-0123456789abcdeF', 'router-secret', `${secret}x`, '', undefined, ['a'], 42]) {
      expect(matches(given)).toBe(false);
      expect(secretsEqual(given, secret)).toBe(false);
    }
  });

  it('never matches when no secret is configured, even an empty header', () => {
    expect(secretMatcher('')('')).toBe(false);
    expect(secretsEqual('', '')).toBe(false);
  });
});
