import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from './cursor.js';

describe('encodeCursor / decodeCursor', () => {
  it('round-trips the sequence through an opaque string', () => {
    for (const seq of [1, 42, 9_007_199_254_740]) {
      const cursor = encodeCursor(seq);
      expect(cursor).not.toContain(String(seq));
      expect(decodeCursor(cursor)).toBe(seq);
    }
  });

  it('rejects a cursor it did not make as bad input', () => {
    for (const bad of ['', 'abc', encodeCursor(1).slice(0, -1) + '!', Buffer.from('n:-1').toString('base64url'), 'x'.repeat(100)]) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});

describe('pageSize', () => {
  it('defaults to 20 and accepts 1 to 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
  });

  it('refuses 0, negative and oversized pages', () => {
    for (const bad of [0, -1, 101, 1.5]) expect(() => pageSize(bad)).toThrow(/between 1 and 100/);
  });
});
