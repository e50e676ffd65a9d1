import { describe, expect, it } from 'vitest';
import { ConfigError, documentVariables } from '@sbor/core';
import { notificationsSettings } from './config.js';

const ROUTER_SECRET = 'test-router-secret-0123456789';

describe('notificationsSettings', () => {
  it('runs with only the router secret: port 8084, email off, a generated VAPID pair', () => {
    expect(notificationsSettings.load({ ROUTER_SECRET })).toMatchObject({
      port: 8084,
      consumer: { groupId: 'notifications', startAt: 'earliest' },
      cacheTtlSeconds: 60,
      email: { kind: 'disabled' },
      vapid: { kind: 'generated', subject: 'mailto:notifications@sbor.local' },
      delivery: { pollMs: 2_000, maxAttempts: 8, initialBackoffMs: 5_000, maxBackoffMs: 900_000 },
    });
  });

  it('refuses half a VAPID pair, naming the missing key, together with every other bad variable', () => {
    expect(() => notificationsSettings.load({ ROUTER_SECRET, VAPID_PUBLIC_KEY: 'pub', DELIVERY_MAX_ATTEMPTS: '0' })).toThrow(
      expect.objectContaining({
        problems: expect.arrayContaining([
          'VAPID_PRIVATE_KEY: is required when the other VAPID key is set',
          'DELIVERY_MAX_ATTEMPTS: must be at least 1',
        ]),
      }),
    );
  });

  it('says what every variable means, for the README table', () => {
    const undescribed = documentVariables(notificationsSettings.variables).filter((v) => !v.description);
    expect(undescribed.map((v) => v.name)).toEqual([]);
  });
});

describe('notificationsSettings: retention', () => {
  const DAY = 86_400_000;
  const set = { RETENTION_INTERVAL_MINUTES: '5', RETENTION_INBOX_DAYS: '3', RETENTION_READ_NOTIFICATIONS_DAYS: '4' };
  const problems = (source: Record<string, string>) => {
    try {
      notificationsSettings.load({ ROUTER_SECRET, ...source });
      return [];
    } catch (error) {
      return error instanceof ConfigError ? error.problems : [String(error)];
    }
  };

  it('reads each RETENTION_* variable into settings.retention, in milliseconds', () => {
    expect(notificationsSettings.load({ ROUTER_SECRET, ...set }).retention).toEqual({
      intervalMs: 300_000,
      inboxMs: 3 * DAY,
      readNotificationsMs: 4 * DAY,
    });
  });

  it('prunes hourly, keeping inbox ids 30 days and read notifications 90, when they are unset', () => {
    expect(notificationsSettings.load({ ROUTER_SECRET }).retention).toEqual({
      intervalMs: 3_600_000,
      inboxMs: 30 * DAY,
      readNotificationsMs: 90 * DAY,
    });
  });

  it.each(Object.keys(set))('refuses %s below 1 or not a number, naming it', (name) => {
    expect(problems({ [name]: '0' })).toEqual([`${name}: must be at least 1`]);
    expect(problems({ [name]: 'soon' })).toEqual([expect.stringMatching(new RegExp(`^${name}: `))]);
  });
});
