import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sbor/core';
import { usersSettings } from './config.js';

const ROUTER_SECRET = 'test-router-secret-0123456789';
const DAY = 86_400_000;
const problems = (source: Record<string, string>) => {
  try {
    usersSettings.load({ ROUTER_SECRET, ...source });
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
};

describe('usersSettings: retention', () => {
  const set = {
    RETENTION_INTERVAL_MINUTES: '5',
    RETENTION_OUTBOX_SENT_HOURS: '2',
    RETENTION_REFRESH_TOKENS_DAYS: '3',
    RETENTION_EMAIL_TOKENS_DAYS: '4',
  };

  it('reads each RETENTION_* variable into settings.retention, in milliseconds', () => {
    expect(usersSettings.load({ ROUTER_SECRET, ...set }).retention).toEqual({
      intervalMs: 300_000,
      outboxSentMs: 7_200_000,
      refreshTokensMs: 3 * DAY,
      emailTokensMs: 4 * DAY,
    });
  });

  it('prunes hourly, keeping sent facts and spent tokens a week, when they are unset', () => {
    expect(usersSettings.load({ ROUTER_SECRET }).retention).toEqual({
      intervalMs: 3_600_000,
      outboxSentMs: 7 * DAY,
      refreshTokensMs: 7 * DAY,
      emailTokensMs: 7 * DAY,
    });
  });

  it.each(Object.keys(set))('refuses %s below 1 or not a number, naming it', (name) => {
    expect(problems({ [name]: '0' })).toEqual([`${name}: must be at least 1`]);
    expect(problems({ [name]: 'soon' })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });

  it('refuses a pruning interval over a day', () => {
    expect(problems({ RETENTION_INTERVAL_MINUTES: '1441' })).toEqual(['RETENTION_INTERVAL_MINUTES: must be at most 1440']);
  });
});
