import { describe, expect, it } from 'vitest';
import { normalizeShortCode } from './short-code';

describe('normalizeShortCode (the typed code, as the tickets service stores it)', () => {
  it('groups the 28 characters by four, whatever the case, spaces and dashes', () => {
    expect(normalizeShortCode(' k7q2 xr4m-p9td ab12cd34 ef56gh78 ')).toBe('K7Q2-XR4M-P9TD-AB12-CD34-EF56-GH78');
  });

  it('reads O as 0 and I or L as 1, as Crockford base32 intends', () => {
    expect(normalizeShortCode('KOQ2-XR4M-P9TD-AB12-CD34-EF56-GHIL')).toBe('K0Q2-XR4M-P9TD-AB12-CD34-EF56-GH11');
  });

  it('refuses what cannot be a code: too short, too long, or a U', () => {
    for (const text of ['K7Q2-XR4M', 'K7Q2-XR4M-P9TD-AB12-CD34-EF56-GH78-9', 'U7Q2-XR4M-P9TD-AB12-CD34-EF56-GH78', '']) {
      expect(normalizeShortCode(text), text).toBeUndefined();
    }
  });
});
