import { describe, expect, it } from 'vitest';
import { documentVariables } from '@sbor/core';
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
