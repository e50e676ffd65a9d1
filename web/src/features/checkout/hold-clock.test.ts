import { describe, expect, it } from 'vitest';
import { announcementDue, formatRemaining, remainingMs } from './hold-clock';

describe('remainingMs', () => {
  it('is the time to the end of the hold, never below 0', () => {
    const now = Date.parse('2026-05-01T12:00:00Z');
    expect(remainingMs('2026-05-01T12:09:30Z', now)).toBe(570_000);
    expect(remainingMs('2026-05-01T11:59:00Z', now)).toBe(0);
  });
});

describe('formatRemaining', () => {
  it('reads as minutes and seconds, rounding up to whole seconds', () => {
    expect(formatRemaining(570_000)).toBe('9:30');
    expect(formatRemaining(5_001)).toBe('0:06');
    expect(formatRemaining(999)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
  });

  it('shows hours past the hour', () => {
    expect(formatRemaining(3_723_000)).toBe('1:02:03');
  });
});

describe('announcementDue', () => {
  it('says nothing between the announcement moments', () => {
    expect(announcementDue(540_000, 539_000)).toBeUndefined();
    expect(announcementDue(45_000, 44_000)).toBeUndefined();
  });

  it('announces each moment once, as the clock passes it', () => {
    expect(announcementDue(300_400, 299_400)).toBe(300);
    expect(announcementDue(299_400, 298_400)).toBeUndefined();
    expect(announcementDue(61_000, 60_000)).toBe(60);
    expect(announcementDue(11_000, 10_000)).toBe(10);
  });

  it('announces the smallest moment passed when the clock jumps (a tab that slept)', () => {
    expect(announcementDue(400_000, 50_000)).toBe(60);
  });

  it('announces the end once', () => {
    expect(announcementDue(900, 0)).toBe(0);
    expect(announcementDue(0, 0)).toBeUndefined();
  });
});
