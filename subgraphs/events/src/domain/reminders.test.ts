import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createLogger, type Viewer } from '@sbor/core';
import { inMemoryEventsRepositories } from './in-memory.js';
import { OrganizerEvents } from './organizer-events.js';
import { planReminders, ReminderScheduler } from './reminders.js';

const HOUR = 60 * 60 * 1000;
const START = new Date('2030-06-01T18:00:00Z');
const before = (ms: number) => new Date(START.getTime() - ms);
const silent = createLogger('reminders-spec', 'silent');

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

describe('ReminderScheduler', () => {
  let clock: Date;
  const now = () => clock;
  const organizer: Viewer = { userId: randomUUID(), role: 'ORGANIZER', tokenId: randomUUID() };
  let repositories: ReturnType<typeof inMemoryEventsRepositories>;
  let events: OrganizerEvents;
  let relayWoken: number;
  const scheduler = () =>
    new ReminderScheduler(repositories.reminders, { logger: silent, intervalMs: 60_000, batchSize: 2, onFactsWritten: () => relayWoken++ });

  beforeEach(() => {
    clock = new Date('2030-03-01T12:00:00Z');
    repositories = inMemoryEventsRepositories(now);
    events = new OrganizerEvents(repositories, { now });
    relayWoken = 0;
  });

  /** Publishes an event starting two days from now: it gets a 24 h and a 1 h reminder. */
  async function publishEvent(title = 'Jazz night') {
    const startsAt = new Date(clock.getTime() + 48 * HOUR);
    const event = await events.create(organizer, {
      title,
      description: '',
      categoryId: null,
      venue: 'Blue Hall',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 3 * HOUR),
    });
    return events.publish(organizer, event.id);
  }

  const reminderFacts = () =>
    repositories.memory.outbox
      .filter((row) => row.topic === 'event.reminder')
      .map((row) => (JSON.parse(row.payload) as { data: { event_id: string; offset: string; venue: string } }).data);

  it('sends each reminder once when it is due, however many schedulers run at once', async () => {
    const published = await Promise.all([publishEvent('One'), publishEvent('Two'), publishEvent('Three')]);
    const [first, second] = [scheduler(), scheduler()];
    expect(await first.runOnce()).toEqual({ sent: 0, skipped: 0 });

    clock = new Date(clock.getTime() + 24 * HOUR);
    const runs = await Promise.all([first.runOnce(), second.runOnce(), first.runOnce(), second.runOnce()]);
    expect(runs.reduce((n, run) => n + run.sent, 0)).toBe(3);

    clock = new Date(clock.getTime() + 23 * HOUR);
    const later = await Promise.all([first.runOnce(), second.runOnce()]);
    expect(later.reduce((n, run) => n + run.sent, 0)).toBe(3);

    const pairs = reminderFacts().map((fact) => `${fact.event_id}/${fact.offset}`);
    expect(pairs.sort()).toEqual(published.flatMap((e) => [`${e.id}/1h`, `${e.id}/24h`]).sort());
    expect(reminderFacts()[0]).toMatchObject({ venue: 'Blue Hall' });
    expect(await scheduler().runOnce()).toEqual({ sent: 0, skipped: 0 });
  });

  it('skips, rather than sends, a reminder that went stale while no scheduler ran', async () => {
    const event = await publishEvent();
    clock = new Date(event.startsAt.getTime() - HOUR / 2);

    expect(await scheduler().runOnce()).toEqual({ sent: 1, skipped: 1 });
    expect(reminderFacts().map((fact) => fact.offset)).toEqual(['1h']);
  });

  it('sends nothing for a cancelled event', async () => {
    const event = await publishEvent();
    await events.cancel(organizer, event.id, 'Venue flooded');
    clock = new Date(event.startsAt.getTime() - HOUR / 2);

    expect(await scheduler().runOnce()).toEqual({ sent: 0, skipped: 0 });
    expect(reminderFacts()).toEqual([]);
  });

  it('wakes the outbox relay only after a run that wrote facts', async () => {
    const event = await publishEvent();
    await scheduler().runOnce();
    expect(relayWoken).toBe(0);

    clock = new Date(event.startsAt.getTime() - 24 * HOUR);
    await scheduler().runOnce();
    expect(relayWoken).toBe(1);
  });
});
