import { describe, expect, it } from 'vitest';
import { tokenFromHash } from './link-token';

describe('tokenFromHash', () => {
  it('reads the token of an emailed link, decoded', () => {
    expect(tokenFromHash('#token=abc%2Bdef')).toBe('abc+def');
  });

  it('answers undefined when the link carries none', () => {
    expect(tokenFromHash('')).toBeUndefined();
    expect(tokenFromHash('#token=')).toBeUndefined();
    expect(tokenFromHash('#other=1')).toBeUndefined();
  });
});
