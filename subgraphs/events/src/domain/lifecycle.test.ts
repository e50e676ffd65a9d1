import { describe, expect, it } from 'vitest';
import { AppError } from '@sbor/core';
import { assertEditable, transition } from './lifecycle.js';
import { EVENT_STATUSES, type EventStatus } from './model.js';

const ALLOWED: [EventStatus, EventStatus][] = [
  ['DRAFT', 'PUBLISHED'],
  ['PUBLISHED', 'CANCELLED'],
];
const isAllowed = (from: EventStatus, to: EventStatus) => ALLOWED.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = EVENT_STATUSES.flatMap((from) => EVENT_STATUSES.map((to) => [from, to] as [EventStatus, EventStatus]));

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  return expect.unreachable('expected an AppError');
}

describe('transition', () => {
  it.each(ALLOWED)('lets an event go from %s to %s', (from, to) => {
    expect(transition(from, to)).toBe(to);
  });

  it.each(ALL_PAIRS.filter(([from, to]) => !isAllowed(from, to) && from !== 'COMPLETED'))(
    'refuses %s → %s with INVALID_TRANSITION naming both states',
    (from, to) => {
      const error = errorOf(() => transition(from, to));
      expect(error.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from, to });
      expect(error.message).toContain(from);
      expect(error.message).toContain(to);
    },
  );

  it.each(EVENT_STATUSES.map((to) => [to]))('refuses any move of a COMPLETED event, to %s, with EVENT_COMPLETED', (to) => {
    const error = errorOf(() => transition('COMPLETED', to));
    expect(error.extensions).toMatchObject({ code: 'EVENT_COMPLETED', status: 'COMPLETED' });
    expect(error.message).toContain('COMPLETED');
  });

  it('never lets a mutation complete an event: only the clock does', () => {
    expect(errorOf(() => transition('PUBLISHED', 'COMPLETED')).extensions.code).toBe('INVALID_TRANSITION');
  });
});

describe('assertEditable', () => {
  const everyField = ['title', 'description', 'categoryId', 'venue', 'startsAt', 'endsAt', 'schedule'];

  it('lets a draft change every field and its schedule', () => {
    expect(() => assertEditable('DRAFT', everyField)).not.toThrow();
  });

  it('lets a published event change only its description, venue and schedule', () => {
    expect(() => assertEditable('PUBLISHED', ['description', 'venue', 'schedule'])).not.toThrow();
    for (const field of ['title', 'categoryId', 'startsAt', 'endsAt']) {
      const error = errorOf(() => assertEditable('PUBLISHED', ['description', field]));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, status: 'PUBLISHED' });
    }
  });

  it('refuses any edit of a cancelled event with INVALID_TRANSITION', () => {
    for (const field of everyField) {
      expect(errorOf(() => assertEditable('CANCELLED', [field])).extensions).toMatchObject({
        code: 'INVALID_TRANSITION',
        from: 'CANCELLED',
      });
    }
  });

  it('refuses any edit of a completed event with EVENT_COMPLETED', () => {
    for (const field of everyField) {
      expect(errorOf(() => assertEditable('COMPLETED', [field])).extensions.code).toBe('EVENT_COMPLETED');
    }
  });
});
