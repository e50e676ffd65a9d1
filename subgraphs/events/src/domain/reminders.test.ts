import { describe, expect, it } from 'vitest';
import { planReminders } from './reminders.js';

const HOUR = 60 * 60 * 1000;
const START = new Date('2030-06-01T18:00:00Z');
const before = (ms: number) => new Date(START.getTime() - ms);

describe('planReminders', () => {
  it('plans 24 h and 1 h before the start for an event published days ahead', () => {
    expect(planReminders(START, before(72 * HOUR))).toEqual([
      { offset: '24h', dueAt: before(24 * HOUR) },
      { offset: '1h', dueAt: before(HOUR) },
    ]);
  });

  it('plans only the 1 h reminder for an event published 5 hours before it starts', () => {
    expect(planReminders(START, before(5 * HOUR))).toEqual([{ offset: '1h', dueAt: before(HOUR) }]);
  });

  it('plans nothing stale for an event published 30 minutes before it starts', () => {
    expect(planReminders(START, before(HOUR / 2))).toEqual([]);
  });
});
