import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso } from './datetime';

describe('localInputToIso (datetime-local → ISO instant in a time zone)', () => {
  it('reads the wall clock in the given zone', () => {
    expect(localInputToIso('2026-05-01T19:00', 'Europe/Moscow')).toBe('2026-05-01T16:00:00.000Z');
    expect(localInputToIso('2026-05-01T19:00', 'UTC')).toBe('2026-05-01T19:00:00.000Z');
    expect(localInputToIso('2026-01-15T09:30', 'America/New_York')).toBe('2026-01-15T14:30:00.000Z');
    expect(localInputToIso('2026-07-15T09:30', 'America/New_York')).toBe('2026-07-15T13:30:00.000Z');
    expect(localInputToIso('2026-05-01T19:00:30', 'Asia/Kolkata')).toBe('2026-05-01T13:30:30.000Z');
  });

  it('handles the days clocks change', () => {
    // Berlin goes 02:00 → 03:00 on 29 March 2026 and 03:00 → 02:00 on 25 October 2026.
    expect(localInputToIso('2026-03-29T01:30', 'Europe/Berlin')).toBe('2026-03-29T00:30:00.000Z');
    expect(localInputToIso('2026-03-29T03:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(localInputToIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(localInputToIso('2026-10-25T04:00', 'Europe/Berlin')).toBe('2026-10-25T03:00:00.000Z');
  });

  it('gives nothing for an empty or malformed value', () => {
    for (const value of ['', '2026-05-01', '2026-02-30T10:00', '2026-05-01T24:00', 'tomorrow']) {
      expect(localInputToIso(value, 'UTC'), value).toBeUndefined();
    }
  });
});

describe('isoToLocalInput (ISO instant → datetime-local in a time zone)', () => {
  it('shows the instant on the zone’s wall clock, to the minute', () => {
    expect(isoToLocalInput('2026-05-01T16:00:00.000Z', 'Europe/Moscow')).toBe('2026-05-01T19:00');
    expect(isoToLocalInput('2026-12-31T23:30:59.000Z', 'Asia/Tokyo')).toBe('2027-01-01T08:30');
    expect(isoToLocalInput('2026-05-01T00:05:00.000Z', 'America/Los_Angeles')).toBe('2026-04-30T17:05');
    expect(isoToLocalInput('not a date', 'UTC')).toBe('');
  });

  it('round-trips with localInputToIso', () => {
    for (const zone of ['Europe/Moscow', 'America/New_York', 'Australia/Adelaide', 'UTC']) {
      const iso = '2026-11-02T07:45:00.000Z';
      expect(localInputToIso(isoToLocalInput(iso, zone), zone), zone).toBe(iso);
    }
  });
});
