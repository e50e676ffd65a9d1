import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseConfig, ConfigError } from './config.js';
import { KNOWN_PLACEHOLDER_SECRETS, secretVariable, secretWeakness, strongSecretsInProduction } from './secret-strength.js';

describe('secretWeakness', () => {
  it('accepts what `openssl rand -base64 48` and `-hex 32` make', () => {
    expect(secretWeakness(randomBytes(48).toString('base64'))).toBeUndefined();
    expect(secretWeakness(randomBytes(32).toString('hex'))).toBeUndefined();
  });

  it('never accepts a placeholder this repository published, however long', () => {
    for (const placeholder of KNOWN_PLACEHOLDER_SECRETS) expect(secretWeakness(placeholder)).toMatch(/placeholder/);
    expect(secretWeakness('CHANGE_ME_please_to_something_long_and_random')).toMatch(/placeholder/);
    expect(secretWeakness('replace-me-with-a-real-secret-0123456789')).toMatch(/placeholder/);
  });

  it('never accepts a secret shorter than 32 characters', () => {
    expect(secretWeakness('Xk3!f9Qz-short-but-random')).toMatch(/too short \(25 characters, at least 32\)/);
  });

  it('never accepts a long secret of few distinct characters', () => {
    expect(secretWeakness('ab'.repeat(30))).toMatch(/too weak \(2 distinct characters/);
  });
});

describe('strongSecretsInProduction', () => {
  const variables = {
    NODE_ENV: z.string().optional(),
    TOKEN_SECRET: secretVariable(z.string().optional()),
    NOT_SECRET: z.string().optional(),
  };
  const schema = z.object(variables).superRefine(strongSecretsInProduction(variables));
  const problems = (source: Record<string, string>) => {
    try {
      parseConfig(schema, source);
      return [];
    } catch (error) {
      return error instanceof ConfigError ? error.problems : [String(error)];
    }
  };

  it('refuses a weak secret in production, naming the variable and how to make one', () => {
    expect(problems({ NODE_ENV: 'production', TOKEN_SECRET: 'changeme', NOT_SECRET: 'x' })).toEqual([
      'TOKEN_SECRET: is a placeholder, which anyone can read; production needs its own secret: make one with `openssl rand -base64 48`',
    ]);
  });

  it('lets development keep its short defaults', () => {
    expect(problems({ NODE_ENV: 'development', TOKEN_SECRET: 'changeme' })).toEqual([]);
    expect(problems({ TOKEN_SECRET: 'changeme' })).toEqual([]);
  });

  it('checks only the variables marked as secrets, and only when set', () => {
    expect(problems({ NODE_ENV: 'production', NOT_SECRET: 'changeme' })).toEqual([]);
  });
});
