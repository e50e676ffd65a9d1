import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@sbor/core';
import { Catalog } from './catalog.js';
import { inMemoryEventsRepositories } from './in-memory.js';
import { OrganizerEvents } from './organizer-events.js';

const HOUR = 3_600_000;
let clock: Date;
const now = () => clock;
const hoursFromNow = (hours: number) => new Date(clock.getTime() + hours * HOUR);
const someone = (role: Role = 'ORGANIZER'): Viewer => ({ userId: randomUUID(), role, tokenId: randomUUID() });

let catalog: Catalog;
let events: OrganizerEvents;
let owner: Viewer;

beforeEach(() => {
  clock = new Date('2030-03-01T12:00:00Z');
  const repositories = inMemoryEventsRepositories(now);
  catalog = new Catalog(repositories.events);
  events = new OrganizerEvents(repositories, { now });
  owner = someone();
});

async function event(title: string, startsInHours: number, publish = true) {
  const created = await events.create(owner, {
    title,
    description: '',
    categoryId: null,
    venue: 'Hall',
    startsAt: hoursFromNow(startsInHours),
    endsAt: hoursFromNow(startsInHours + 2),
  });
  return publish ? events.publish(owner, created.id) : created;
}

const titles = (page: { edges: { node: { title: string } }[] }) => page.edges.map((edge) => edge.node.title);

describe('Catalog.page', () => {
  it('lists published events that have not ended, soonest first, page after page', async () => {
    await event('Later', 30);
    await event('Soon', 10);
    await event('Draft', 5, false);
    const cancelled = await event('Cancelled', 20);
    await events.cancel(owner, cancelled.id, null);
    await event('Ended', 1);
    clock = hoursFromNow(4);

    const first = await catalog.page({ first: 1, after: null, filter: null });
    expect(titles(first)).toEqual(['Soon']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await catalog.page({ first: 5, after: first.pageInfo.endCursor, filter: null });
    expect(titles(second)).toEqual(['Later']);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0]!.cursor });
  });
});

describe('Catalog.visible', () => {
  it('shows a draft to its organizer only, and a published event to anyone', async () => {
    const draft = await event('Draft', 5, false);
    const published = await event('Published', 5);
    const ids = [draft.id, published.id, 'not-an-id'];

    expect([...(await catalog.visible(ids, owner)).keys()].sort()).toEqual([draft.id, published.id].sort());
    expect([...(await catalog.visible(ids, someone())).keys()]).toEqual([published.id]);
    expect([...(await catalog.visible(ids, null)).keys()]).toEqual([published.id]);
  });
});

describe('Catalog.mine', () => {
  it('filters the organizer’s own events by their status as of now: COMPLETED once the end has passed', async () => {
    await event('Over soon', 1);
    await event('Next month', 700);
    await events.create(someone(), {
      title: 'Not mine',
      description: '',
      categoryId: null,
      venue: 'Hall',
      startsAt: hoursFromNow(2),
      endsAt: hoursFromNow(3),
    });
    clock = hoursFromNow(4);

    expect((await catalog.mine(owner, 'COMPLETED')).map((e) => e.title)).toEqual(['Over soon']);
    expect((await catalog.mine(owner, 'PUBLISHED')).map((e) => e.title)).toEqual(['Next month']);
    expect((await catalog.mine(owner, null)).map((e) => e.title)).toEqual(['Over soon', 'Next month']);
  });

  it('refuses a USER with FORBIDDEN', async () => {
    await expect(catalog.mine(someone('USER'), null)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
