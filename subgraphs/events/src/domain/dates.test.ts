import { describe, expect, it } from 'vitest';
import { AppError } from '@sbor/core';
import { checkEventSpan, checkPublishable, checkScheduleFits } from './dates.js';

const NOW = new Date('2030-01-01T12:00:00Z');
const at = (iso: string) => new Date(iso);
const HOUR = 60 * 60 * 1000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions.code).toBe('BAD_USER_INPUT');
    return (error as AppError).extensions.field;
  }
  return expect.unreachable('expected BAD_USER_INPUT');
}

describe('checkEventSpan', () => {
  it('accepts a future event that ends after it starts', () => {
    expect(() => checkEventSpan({ startsAt: later(HOUR), endsAt: later(3 * HOUR) }, NOW, true)).not.toThrow();
  });

  it('refuses an end at or before the start', () => {
    expect(fieldOf(() => checkEventSpan({ startsAt: later(HOUR), endsAt: later(HOUR) }, NOW, true))).toBe('endsAt');
    expect(fieldOf(() => checkEventSpan({ startsAt: later(2 * HOUR), endsAt: later(HOUR) }, NOW, true))).toBe('endsAt');
  });

  it('refuses a new start in the past, and allows an unchanged past start', () => {
    expect(fieldOf(() => checkEventSpan({ startsAt: later(-HOUR), endsAt: later(HOUR) }, NOW, true))).toBe('startsAt');
    expect(() => checkEventSpan({ startsAt: later(-HOUR), endsAt: later(HOUR) }, NOW, false)).not.toThrow();
  });

  it('refuses an event lasting more than a year (a typo in the year, most likely)', () => {
    expect(fieldOf(() => checkEventSpan({ startsAt: at('2030-02-01T10:00:00Z'), endsAt: at('2031-03-01T10:00:00Z') }, NOW, true))).toBe(
      'endsAt',
    );
  });
});

describe('checkPublishable', () => {
  it('accepts an event that starts in the future', () => {
    expect(() => checkPublishable({ startsAt: later(1000), endsAt: later(HOUR) }, NOW)).not.toThrow();
  });

  it('never publishes an event that starts in the past or right now', () => {
    expect(fieldOf(() => checkPublishable({ startsAt: later(-1000), endsAt: later(HOUR) }, NOW))).toBe('startsAt');
    expect(fieldOf(() => checkPublishable({ startsAt: NOW, endsAt: later(HOUR) }, NOW))).toBe('startsAt');
  });

  it('never publishes an event that ends before it starts', () => {
    expect(fieldOf(() => checkPublishable({ startsAt: later(2 * HOUR), endsAt: later(HOUR) }, NOW))).toBe('endsAt');
  });
});

describe('checkScheduleFits', () => {
  const event = { startsAt: at('2030-02-01T10:00:00Z'), endsAt: at('2030-02-01T18:00:00Z') };

  it('accepts items inside the span, including ones touching its edges and zero-length ones', () => {
    const items = [
      { startsAt: at('2030-02-01T10:00:00Z'), endsAt: at('2030-02-01T11:00:00Z') },
      { startsAt: at('2030-02-01T12:00:00Z'), endsAt: at('2030-02-01T12:00:00Z') },
      { startsAt: at('2030-02-01T17:00:00Z'), endsAt: at('2030-02-01T18:00:00Z') },
    ];
    expect(() => checkScheduleFits(items, event)).not.toThrow();
    expect(() => checkScheduleFits([], event)).not.toThrow();
  });

  it('refuses an item that ends before it starts, naming it', () => {
    const items = [
      { startsAt: at('2030-02-01T10:00:00Z'), endsAt: at('2030-02-01T11:00:00Z') },
      { startsAt: at('2030-02-01T13:00:00Z'), endsAt: at('2030-02-01T12:00:00Z') },
    ];
    expect(fieldOf(() => checkScheduleFits(items, event))).toBe('items.1.endsAt');
  });

  it('refuses an item starting before the event or ending after it', () => {
    expect(fieldOf(() => checkScheduleFits([{ startsAt: at('2030-02-01T09:59:00Z'), endsAt: at('2030-02-01T11:00:00Z') }], event))).toBe(
      'items.0.startsAt',
    );
    expect(fieldOf(() => checkScheduleFits([{ startsAt: at('2030-02-01T17:00:00Z'), endsAt: at('2030-02-01T18:00:01Z') }], event))).toBe(
      'items.0.endsAt',
    );
  });
});
