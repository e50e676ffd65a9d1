import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@sbor/core';
import { createEvent } from '../resolvers/Mutation/createEvent.js';
import { inMemoryEventsRepositories } from './in-memory.js';
import { OrganizerEvents } from './organizer-events.js';
import type { CreateEventInput } from './validation.js';

const HOUR = 3_600_000;
let clock: Date;
const now = () => clock;
const hoursFromNow = (hours: number) => new Date(clock.getTime() + hours * HOUR);
const someone = (role: Role = 'ORGANIZER'): Viewer => ({ userId: randomUUID(), role, tokenId: randomUUID() });

let repositories: ReturnType<typeof inMemoryEventsRepositories>;
let events: OrganizerEvents;
let factsWritten: number;
let owner: Viewer;

beforeEach(() => {
  clock = new Date('2030-03-01T12:00:00Z');
  repositories = inMemoryEventsRepositories(now);
  factsWritten = 0;
  events = new OrganizerEvents(repositories, { now, onFactsWritten: () => factsWritten++ });
  owner = someone();
});

const input = (patch: Partial<CreateEventInput> = {}): CreateEventInput => ({
  title: 'Jazz night',
  description: 'Three sets.',
  categoryId: null,
  venue: 'Blue Hall',
  startsAt: hoursFromNow(48),
  endsAt: hoursFromNow(51),
  ...patch,
});

const draft = (patch: Partial<CreateEventInput> = {}) => events.create(owner, input(patch));
const published = async (patch: Partial<CreateEventInput> = {}) => events.publish(owner, (await draft(patch)).id);

/** The refusal's `extensions` (code and details), or undefined when the promise kept its word. */
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { extensions?: Record<string, unknown> }) => error.extensions,
  );

const outbox = () => repositories.memory.outbox.map((row) => [row.topic, row.key]);
const stored = (id: string) => repositories.events.findById(id);

describe('OrganizerEvents.create', () => {
  it('creates a draft owned by the organizer', async () => {
    const event = await draft();
    expect(event).toMatchObject({ status: 'DRAFT', organizerId: owner.userId, title: 'Jazz night', publishedAt: null });
    expect(outbox()).toEqual([]);
  });

  it('refuses a USER with FORBIDDEN and creates nothing', async () => {
    expect(await refusal(events.create(someone('USER'), input()))).toMatchObject({ code: 'FORBIDDEN' });
    expect(repositories.memory.events.size).toBe(0);
  });

  it('refuses a start in the past and a category that does not exist, naming the field', async () => {
    expect(await refusal(draft({ startsAt: hoursFromNow(-1) }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsAt' });
    expect(await refusal(draft({ categoryId: randomUUID() }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'categoryId' });
  });
});

describe('OrganizerEvents.publish', () => {
  it('publishes a draft that starts in the future, writing one event.published fact and scheduling its reminders', async () => {
    const event = await draft();

    const result = await events.publish(owner, event.id);

    expect(result).toMatchObject({ id: event.id, status: 'PUBLISHED', publishedAt: clock });
    expect(outbox()).toEqual([['event.published', event.id]]);
    expect(JSON.parse(repositories.memory.outbox[0]!.payload).data).toMatchObject({
      event_id: event.id,
      organizer_id: owner.userId,
      title: 'Jazz night',
      venue: 'Blue Hall',
      starts_at: event.startsAt.toISOString(),
      published_at: clock.toISOString(),
    });
    expect(repositories.memory.reminders.map((r) => [r.offset, r.dueAt])).toEqual([
      ['24h', hoursFromNow(24)],
      ['1h', hoursFromNow(47)],
    ]);
    expect(factsWritten).toBe(1);
  });

  it('publishes once however often it is asked: the other request gets INVALID_TRANSITION from PUBLISHED', async () => {
    const event = await draft();

    const results = await Promise.allSettled([events.publish(owner, event.id), events.publish(owner, event.id)]);

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason.extensions).toMatchObject({ code: 'INVALID_TRANSITION', from: 'PUBLISHED', to: 'PUBLISHED' });
    expect(outbox()).toEqual([['event.published', event.id]]);
    expect(repositories.memory.reminders).toHaveLength(2);
  });

  it('needs a start still ahead: a draft whose start has passed stays a draft, and no fact is written', async () => {
    const event = await draft({ startsAt: hoursFromNow(2), endsAt: hoursFromNow(5) });
    clock = hoursFromNow(3);

    expect(await refusal(events.publish(owner, event.id))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsAt' });
    expect((await stored(event.id))?.status).toBe('DRAFT');
    expect(outbox()).toEqual([]);
    expect(repositories.memory.reminders).toEqual([]);
  });

  it('answers NOT_FOUND for someone else’s event, as for a missing or malformed id', async () => {
    const event = await draft();

    for (const id of [event.id, randomUUID(), 'not-an-id']) {
      expect(await refusal(events.publish(someone(), id))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await stored(event.id))?.status).toBe('DRAFT');
    expect(outbox()).toEqual([]);
  });

  it('refuses a USER with FORBIDDEN, even for an id that exists', async () => {
    const event = await draft();
    expect(await refusal(events.publish({ ...owner, role: 'USER' }, event.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await stored(event.id))?.status).toBe('DRAFT');
  });
});

describe('OrganizerEvents.cancel', () => {
  it('cancels a published event with its reason: one event.cancelled fact, its pending reminders dropped', async () => {
    const event = await published();

    const result = await events.cancel(owner, event.id, 'Venue flooded');

    expect(result).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Venue flooded', cancelledAt: clock });
    expect(outbox()).toEqual([
      ['event.published', event.id],
      ['event.cancelled', event.id],
    ]);
    expect(JSON.parse(repositories.memory.outbox[1]!.payload).data).toMatchObject({ event_id: event.id, reason: 'Venue flooded' });
    expect(repositories.memory.reminders).toEqual([]);
    expect(factsWritten).toBe(2);
  });

  it('refuses to cancel a draft with INVALID_TRANSITION from DRAFT to CANCELLED', async () => {
    const event = await draft();
    expect(await refusal(events.cancel(owner, event.id, null))).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'DRAFT',
      to: 'CANCELLED',
    });
    expect(outbox()).toEqual([]);
  });

  it('never publishes or cancels a cancelled event again', async () => {
    const event = await published();
    await events.cancel(owner, event.id, null);

    expect(await refusal(events.publish(owner, event.id))).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'CANCELLED',
      to: 'PUBLISHED',
    });
    expect(await refusal(events.cancel(owner, event.id, null))).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'CANCELLED',
      to: 'CANCELLED',
    });
    expect(outbox().map(([topic]) => topic)).toEqual(['event.published', 'event.cancelled']);
  });
});

describe('OrganizerEvents.update', () => {
  it('changes any field of a draft', async () => {
    const event = await draft();
    const changes = { title: 'Late jazz', venue: 'Red Hall', startsAt: hoursFromNow(50), endsAt: hoursFromNow(53) };
    expect(await events.update(owner, event.id, changes)).toMatchObject({ ...changes, status: 'DRAFT' });
  });

  it('changes only the description and venue once PUBLISHED, naming the field it refuses', async () => {
    const event = await published();

    expect(await events.update(owner, event.id, { venue: 'Red Hall', description: 'Moved.' })).toMatchObject({
      venue: 'Red Hall',
      status: 'PUBLISHED',
    });
    for (const [field, value] of [
      ['title', 'Other'],
      ['startsAt', hoursFromNow(60)],
      ['categoryId', null],
    ] as const) {
      expect(await refusal(events.update(owner, event.id, { [field]: value }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
        status: 'PUBLISHED',
      });
    }
    expect((await stored(event.id))?.title).toBe('Jazz night');
  });

  it('refuses to edit a cancelled event with INVALID_TRANSITION', async () => {
    const event = await published();
    await events.cancel(owner, event.id, null);
    expect(await refusal(events.update(owner, event.id, { venue: 'Elsewhere' }))).toMatchObject({
      code: 'INVALID_TRANSITION',
      from: 'CANCELLED',
    });
  });

  it('refuses to move a draft so that its schedule no longer fits', async () => {
    const event = await draft();
    await events.setSchedule(owner, event.id, [
      { title: 'Set one', startsAt: hoursFromNow(48), endsAt: hoursFromNow(49), speaker: null, location: null },
    ]);

    expect(await refusal(events.update(owner, event.id, { startsAt: hoursFromNow(48.5) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'startsAt',
    });
    expect((await stored(event.id))?.startsAt).toEqual(event.startsAt);
  });

  it('answers NOT_FOUND for someone else’s event and changes nothing', async () => {
    const event = await draft();
    expect(await refusal(events.update(someone(), event.id, { title: 'Mine now' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await stored(event.id))?.title).toBe('Jazz night');
  });
});

describe('OrganizerEvents.setSchedule', () => {
  const item = (from: number, to: number) => ({
    title: 'Talk',
    startsAt: hoursFromNow(from),
    endsAt: hoursFromNow(to),
    speaker: null,
    location: null,
  });

  it('replaces the programme of a published event, refusing an item outside the event', async () => {
    const event = await published();

    await events.setSchedule(owner, event.id, [item(49, 50), item(48, 49)]);
    expect((await repositories.events.schedules([event.id])).get(event.id)?.map((i) => i.startsAt)).toEqual([
      hoursFromNow(48),
      hoursFromNow(49),
    ]);

    expect(await refusal(events.setSchedule(owner, event.id, [item(48, 52)]))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items.0.endsAt',
    });
    expect((await repositories.events.schedules([event.id])).get(event.id)).toHaveLength(2);
  });
});

describe('an event that has ended', () => {
  it('reads COMPLETED and refuses any change with EVENT_COMPLETED', async () => {
    const event = await published();
    clock = hoursFromNow(52);

    expect((await stored(event.id))?.status).toBe('COMPLETED');
    expect(await refusal(events.cancel(owner, event.id, null))).toMatchObject({ code: 'EVENT_COMPLETED' });
    expect(await refusal(events.update(owner, event.id, { venue: 'Elsewhere' }))).toMatchObject({ code: 'EVENT_COMPLETED' });
    expect(await refusal(events.setSchedule(owner, event.id, []))).toMatchObject({ code: 'EVENT_COMPLETED' });
    expect(outbox().map(([topic]) => topic)).toEqual(['event.published']);
  });
});

describe('Mutation.createEvent', () => {
  const reached = new Error('the domain must not be reached');
  const untouchable = new Proxy({} as OrganizerEvents, {
    get: () => {
      throw reached;
    },
  });
  const call = (viewer: Viewer | null, eventInput: unknown) =>
    Promise.resolve()
      .then(() => (createEvent as (...args: unknown[]) => unknown)({}, { input: eventInput }, { organizerEvents: untouchable, viewer }, {}))
      .then(
        () => undefined,
        (error: { extensions?: Record<string, unknown> }) => error.extensions,
      );
  const badInput = { title: '', venue: 'Hall', startsAt: 'soon', endsAt: null };

  it('refuses an anonymous caller before looking at the input', async () => {
    expect(await call(null, badInput)).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a USER before looking at the input', async () => {
    expect(await call(someone('USER'), badInput)).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses bad input, naming the field, before the domain runs', async () => {
    expect(await call(someone(), { ...input(), title: '  ' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'title' });
  });
});
