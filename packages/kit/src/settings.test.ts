import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sbor/core';
import { servingSettings, servingVariables, settingsModel } from './settings.js';

/** A subgraph's settings as every service builds them: its serving variables and nothing else. */
const settings = settingsModel(servingVariables('demo', 8099), (c) => servingSettings('demo', c));
const problems = (source: Record<string, string>) => {
  try {
    settings.load(source);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
};

describe('settingsModel: secrets in production', () => {
  it('refuses a placeholder ROUTER_SECRET with NODE_ENV=production, saying how to make one', () => {
    expect(problems({ NODE_ENV: 'production', ROUTER_SECRET: 'change-me-placeholder-router-secret' })).toEqual([
      'ROUTER_SECRET: is a placeholder, which anyone can read; production needs its own secret: make one with `openssl rand -base64 48`',
    ]);
  });

  it('refuses a ROUTER_SECRET shorter than 32 characters in production', () => {
    expect(problems({ NODE_ENV: 'production', ROUTER_SECRET: 'sixteen-chars-ok-in-dev' })).toEqual([
      expect.stringMatching(/^ROUTER_SECRET: is too short/),
    ]);
  });

  it('keeps accepting the same short secret in development', () => {
    expect(problems({ ROUTER_SECRET: 'sixteen-chars-ok-in-dev' })).toEqual([]);
  });
});
