import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sbor/core';
import { eventsSettings } from './config.js';

const ROUTER_SECRET = 'test-router-secret-0123456789';
const problems = (source: Record<string, string>) => {
  try {
    eventsSettings.load({ ROUTER_SECRET, ...source });
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
};

describe('eventsSettings: retention', () => {
  const set = { RETENTION_INTERVAL_MINUTES: '5', RETENTION_OUTBOX_SENT_HOURS: '2' };

  it('reads each RETENTION_* variable into settings.retention, in milliseconds', () => {
    expect(eventsSettings.load({ ROUTER_SECRET, ...set }).retention).toEqual({ intervalMs: 300_000, outboxSentMs: 7_200_000 });
  });

  it('prunes hourly, keeping sent facts a week, when they are unset', () => {
    expect(eventsSettings.load({ ROUTER_SECRET }).retention).toEqual({ intervalMs: 3_600_000, outboxSentMs: 7 * 86_400_000 });
  });

  it.each(Object.keys(set))('refuses %s below 1 or not a number, naming it', (name) => {
    expect(problems({ [name]: '0' })).toEqual([`${name}: must be at least 1`]);
    expect(problems({ [name]: 'soon' })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});
