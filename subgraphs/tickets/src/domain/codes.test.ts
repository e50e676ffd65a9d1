import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, newTicketCode, normalizeTicketCode, toCrockford } from './codes.js';

describe('ticket codes', () => {
  it('are 28 Crockford base32 characters (140 random bits) in groups of four', () => {
    const code = newTicketCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(code.replace(/-/g, '')).toHaveLength(CODE_LENGTH);
    expect(CODE_LENGTH * 5).toBeGreaterThanOrEqual(128);
  });

  it('do not repeat', () => {
    const codes = new Set(Array.from({ length: 5_000 }, newTicketCode));
    expect(codes.size).toBe(5_000);
  });

  it('encode bytes most significant bit first', () => {
    expect(toCrockford(Uint8Array.from([0xff, 0xff]), 3)).toBe('ZZZ');
    expect(toCrockford(Uint8Array.from([0x00, 0x44]), 3)).toBe('012');
  });

  it('read back what a person typed: case, spaces, dashes and O/0, I/L/1 mix-ups do not matter', () => {
    const code = newTicketCode();
    const sloppy = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(normalizeTicketCode(sloppy)).toBe(code);
    expect(normalizeTicketCode(code.replace(/-/g, ''))).toBe(code);
  });

  it('reject what cannot be a code', () => {
    expect(normalizeTicketCode('ABCD')).toBeUndefined();
    expect(normalizeTicketCode(`${newTicketCode()}X`)).toBeUndefined();
    expect(normalizeTicketCode('U'.repeat(28))).toBeUndefined();
  });
});
