import { describe, expect, it } from 'vitest';
import { dayKey, formatDateRange, formatDay, formatTimeRange } from './date-range';

const plain = (text: string) => text.replace(/[\u00a0\u202f\u2009]/g, ' ');
const start = '2026-05-12T16:00:00.000Z';
const end = '2026-05-12T19:30:00.000Z';

describe('formatDateRange', () => {
  it('writes the day once when the span stays within it', () => {
    expect(plain(formatDateRange(start, end, 'en', 'Europe/Moscow'))).toBe('Tue, 12 May 2026, 19:00–22:30');
    expect(plain(formatDateRange(start, end, 'ru', 'Europe/Moscow'))).toBe('вт, 12 мая 2026 г., 19:00–22:30');
  });

  it('writes both days when the span crosses midnight in the reader’s zone', () => {
    expect(plain(formatDateRange(start, '2026-05-13T08:00:00.000Z', 'en', 'UTC'))).toBe(
      'Tue, 12 May 2026, 16:00 – Wed, 13 May 2026, 08:00',
    );
  });
});

describe('formatTimeRange, formatDay and dayKey', () => {
  it('give the times, the day and the day’s key in the zone', () => {
    expect(plain(formatTimeRange(start, end, 'en', 'UTC'))).toBe('16:00–19:30');
    expect(formatDay(start, 'en', 'UTC')).toBe('Tuesday, 12 May 2026');
    expect(formatDay(start, 'ru', 'UTC')).toBe('вторник, 12 мая 2026 г.');
    expect(dayKey('2026-05-12T22:30:00.000Z', 'Europe/Moscow')).toBe('2026-05-13');
  });
});
