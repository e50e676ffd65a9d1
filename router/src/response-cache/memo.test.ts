import { describe, expect, it } from 'vitest';
import { createResponseMemo, type MemoEntry } from './memo.js';

const NOW = 1_000_000;
const entry = (body = '{"data":{}}\n', expiresAt = NOW + 1_000): MemoEntry => ({ body, expiresAt, operationName: 'PublicListing' });

describe('createResponseMemo (ready answers of the current generation)', () => {
  it('gives back a remembered answer until its expiresAt, never after', () => {
    const memo = createResponseMemo(() => 'g1');
    memo.remember('g1', 'k', entry('{"data":{"events":[]}}\n', NOW + 1_000));
    expect(memo.lookup('g1', 'k', NOW + 999)?.body).toBe('{"data":{"events":[]}}\n');
    expect(memo.lookup('g1', 'k', NOW + 1_000)).toBeUndefined();
    expect(memo.size()).toBe(0);
  });

  it('never answers from a generation that was replaced, and drops its answers at once', () => {
    const memo = createResponseMemo(() => 'g1');
    memo.remember('g1', 'k', entry());
    expect(memo.lookup('g2', 'k', NOW)).toBeUndefined();
    expect(memo.size()).toBe(0);
    expect(memo.lookup('g1', 'k', NOW)).toBeUndefined();
  });

  it('never keeps an answer read under a generation replaced while it was being read', () => {
    let current = 'g1';
    const memo = createResponseMemo(() => current);
    current = 'g2';
    memo.remember('g1', 'k', entry());
    expect(memo.lookup('g1', 'k', NOW)).toBeUndefined();
    expect(memo.size()).toBe(0);
  });

  it('stays bounded by entries under a flood of one-off documents, dropping the oldest first', () => {
    const memo = createResponseMemo(() => 'g', { maxEntries: 100, maxChars: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < 1_000; i++) memo.remember('g', `k${i}`, entry());
    expect(memo.size()).toBe(100);
    expect(memo.lookup('g', 'k0', NOW)).toBeUndefined();
    expect(memo.lookup('g', 'k999', NOW)).toBeDefined();
  });

  it('stays bounded by the size of the bodies it holds', () => {
    const memo = createResponseMemo(() => 'g', { maxEntries: 1_000, maxChars: 1_000 });
    for (let i = 0; i < 50; i++) memo.remember('g', `k${i}`, entry('x'.repeat(300)));
    expect(memo.size()).toBe(3);
    memo.remember('g', 'huge', entry('x'.repeat(1_001)));
    expect(memo.lookup('g', 'huge', NOW)).toBeUndefined();
  });
});
