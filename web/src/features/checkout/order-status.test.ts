import { describe, expect, it } from 'vitest';
import { isWaiting } from './order-status';

const now = Date.parse('2026-05-01T12:00:00Z');
const later = '2026-05-01T12:10:00Z';

describe('isWaiting', () => {
  it('is true while a sandbox or card payment of a reserved order is under way', () => {
    expect(isWaiting({ status: 'RESERVED', expiresAt: later, payment: { provider: 'SANDBOX', status: 'PENDING' } }, now)).toBe(true);
  });

  it('is true once the hold has run out but the order still reads RESERVED', () => {
    expect(isWaiting({ status: 'RESERVED', expiresAt: '2026-05-01T11:59:59Z', payment: null }, now)).toBe(true);
  });

  it('is false for an offline payment (it takes days), a held order not being paid, and a settled order', () => {
    expect(isWaiting({ status: 'RESERVED', expiresAt: later, payment: { provider: 'OFFLINE', status: 'PENDING' } }, now)).toBe(false);
    expect(isWaiting({ status: 'RESERVED', expiresAt: later, payment: null }, now)).toBe(false);
    expect(isWaiting({ status: 'RESERVED', expiresAt: later, payment: { provider: 'SANDBOX', status: 'FAILED' } }, now)).toBe(false);
    expect(isWaiting({ status: 'PAID', expiresAt: null, payment: { provider: 'SANDBOX', status: 'SUCCEEDED' } }, now)).toBe(false);
  });
});
