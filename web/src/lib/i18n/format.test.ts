import { describe, expect, it } from 'vitest';
import { formatDateTime, formatMoney } from './format';

/** Intl separates groups and currency with no-break spaces; compare with plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('turns minor units into the locale’s way of writing the amount', () => {
    expect(plain(formatMoney(150_000, 'RUB', 'ru'))).toBe('1 500,00 ₽');
    expect(plain(formatMoney(150_000, 'RUB', 'en'))).toBe('RUB 1,500.00');
    expect(plain(formatMoney(1999, 'EUR', 'en'))).toBe('€19.99');
    expect(plain(formatMoney(0, 'EUR', 'ru'))).toBe('0,00 €');
  });

  it('knows currencies without minor units', () => {
    expect(plain(formatMoney(500, 'JPY', 'en'))).toBe('JP¥500');
  });
});

describe('formatDateTime', () => {
  const start = new Date('2026-05-12T16:00:00Z');

  it('writes a date and time in the given time zone', () => {
    expect(plain(formatDateTime(start, 'en', 'Europe/Moscow'))).toBe('12 May 2026, 19:00');
    expect(plain(formatDateTime(start, 'ru', 'Europe/Moscow'))).toBe('12 мая 2026 г., 19:00');
  });

  it('accepts the API’s ISO strings', () => {
    expect(plain(formatDateTime('2026-05-12T16:00:00.000Z', 'en', 'UTC'))).toBe('12 May 2026, 16:00');
  });
});
