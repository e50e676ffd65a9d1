import { describe, expect, it } from 'vitest';
import { groupByEvent } from './group-by-event';

const now = Date.parse('2026-05-10T12:00:00Z');
const event = (id: string, startsAt: string, endsAt: string) => ({ id, startsAt, endsAt });
const soon = event('soon', '2026-05-11T18:00:00Z', '2026-05-11T21:00:00Z');
const later = event('later', '2026-06-01T18:00:00Z', '2026-06-01T21:00:00Z');
const now_on = event('now', '2026-05-10T10:00:00Z', '2026-05-10T14:00:00Z');
const lastWeek = event('last-week', '2026-05-03T18:00:00Z', '2026-05-03T21:00:00Z');
const lastMonth = event('last-month', '2026-04-03T18:00:00Z', '2026-04-03T21:00:00Z');

describe('groupByEvent', () => {
  it('puts each event’s tickets together, keeping their order', () => {
    const groups = groupByEvent(
      [
        { id: 't1', event: later },
        { id: 't2', event: soon },
        { id: 't3', event: later },
      ],
      now,
    );
    expect(groups.map((g) => [g.event.id, g.tickets.map((t) => t.id)])).toEqual([
      ['soon', ['t2']],
      ['later', ['t1', 't3']],
    ]);
  });

  it('lists coming and running events soonest first, then past ones most recent first', () => {
    const groups = groupByEvent(
      [lastMonth, later, lastWeek, soon, now_on].map((e, i) => ({ id: `t${i}`, event: e })),
      now,
    );
    expect(groups.map((g) => [g.event.id, g.past])).toEqual([
      ['now', false],
      ['soon', false],
      ['later', false],
      ['last-week', true],
      ['last-month', true],
    ]);
  });
});
