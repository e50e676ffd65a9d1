import { describe, expect, it } from 'vitest';
import { parseInput } from '@sbor/core';
import { pushSubscriptionInput } from './validation.js';

const keys = { p256dh: Buffer.alloc(65, 4).toString('base64url'), auth: Buffer.alloc(16, 1).toString('base64url') };

describe('pushSubscriptionInput', () => {
  it('accepts an https endpoint with well-formed keys', () => {
    expect(parseInput(pushSubscriptionInput(true), { endpoint: 'https://push.example.com/abc', keys })).toMatchObject({ keys });
  });

  it('accepts http only for a loopback host outside production', () => {
    const local = { endpoint: 'http://127.0.0.1:9999/push/1', keys };
    expect(() => parseInput(pushSubscriptionInput(false), local)).not.toThrow();
    expect(() => parseInput(pushSubscriptionInput(true), local)).toThrow(/https/);
    expect(() => parseInput(pushSubscriptionInput(false), { endpoint: 'http://push.example.com/1', keys })).toThrow(/https/);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => parseInput(pushSubscriptionInput(false), { endpoint: 'https://p.example/1', keys: { ...keys, auth: 'AAAA' } })).toThrow(
      /keys.auth/,
    );
  });
});
