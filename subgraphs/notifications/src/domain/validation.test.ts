import { describe, expect, it } from 'vitest';
import { parseInput } from '@sbor/core';
import { pushSubscriptionInput } from './validation.js';

const keys = { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') };

describe('pushSubscriptionInput', () => {
  it('accepts an https endpoint with well-formed keys', () => {
    expect(parseInput(pushSubscriptionInput, { endpoint: 'https://push.example.com/abc', keys })).toMatchObject({ keys });
  });

  it('refuses anything but https, loopback http included (issue 16)', () => {
    for (const endpoint of ['http://127.0.0.1:9999/push/1', 'http://push.example.com/1', 'ftp://push.example.com/1', 'not a url']) {
      expect(() => parseInput(pushSubscriptionInput, { endpoint, keys })).toThrow(/https/);
    }
  });

  it('refuses keys of the wrong size', () => {
    expect(() => parseInput(pushSubscriptionInput, { endpoint: 'https://p.example/1', keys: { ...keys, auth: 'AAAA' } })).toThrow(
      /keys.auth/,
    );
  });
});
