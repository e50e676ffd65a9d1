import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@sbor/core';
import { Categories } from './categories.js';
import { inMemoryEventsRepositories } from './in-memory.js';
import { OrganizerEvents } from './organizer-events.js';

const someone = (role: Role = 'ORGANIZER'): Viewer => ({ userId: randomUUID(), role, tokenId: randomUUID() });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { extensions?: Record<string, unknown> }) => error.extensions,
  );

let categories: Categories;
let organizerEvents: OrganizerEvents;

beforeEach(() => {
  const repositories = inMemoryEventsRepositories();
  categories = new Categories(repositories.categories);
  organizerEvents = new OrganizerEvents(repositories);
});

const HOUR = 60 * 60 * 1000;
const eventIn = (categoryId: string) => ({
  title: 'Jazz night',
  description: '',
  categoryId,
  venue: 'Blue Hall',
  startsAt: new Date(Date.now() + 24 * HOUR),
  endsAt: new Date(Date.now() + 26 * HOUR),
});

describe('Categories.create', () => {
  it('never adds a category past the per-organizer limit: BAD_USER_INPUT with LIMIT_REACHED, nothing created', async () => {
    const limited = new Categories(inMemoryEventsRepositories().categories, 2);
    const owner = someone();
    await limited.create(owner, { name: 'One', slug: null });
    await limited.create(owner, { name: 'Two', slug: null });
    await expect(limited.create(owner, { name: 'Three', slug: null })).rejects.toThrow('at most 2 categories');
    expect(await refusal(limited.create(owner, { name: 'Three', slug: null }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'LIMIT_REACHED',
      limit: 2,
    });
    expect((await limited.list()).map((c) => c.name)).toEqual(['One', 'Two']);
    await expect(limited.create(someone(), { name: 'Three', slug: null })).resolves.toMatchObject({ slug: 'three' });
  });

  it('makes the slug from the name when none is given, and lists categories by name', async () => {
    await categories.create(someone(), { name: 'Theatre', slug: null });
    expect(await categories.create(someone(), { name: 'Live Music!', slug: undefined })).toMatchObject({
      name: 'Live Music!',
      slug: 'live-music',
    });
    expect((await categories.list()).map((c) => c.name)).toEqual(['Live Music!', 'Theatre']);
  });

  it('refuses a slug another category already has, with SLUG_TAKEN on slug', async () => {
    await categories.create(someone(), { name: 'Jazz', slug: 'jazz' });
    expect(await refusal(categories.create(someone(), { name: 'Jazz', slug: null }))).toMatchObject({ code: 'SLUG_TAKEN', field: 'slug' });
    expect(await categories.list()).toHaveLength(1);
  });

  it('asks for a slug when the name has no Latin letters or digits to make one from', async () => {
    expect(await refusal(categories.create(someone(), { name: 'Концерты', slug: null }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'slug',
    });
  });

  it('refuses a USER with FORBIDDEN', async () => {
    expect(await refusal(categories.create(someone('USER'), { name: 'Mine', slug: null }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await categories.list()).toEqual([]);
  });
});

describe('Categories.update', () => {
  it('changes the name and keeps the slug unless a new one is given', async () => {
    const owner = someone();
    const { id } = await categories.create(owner, { name: 'Jazz', slug: null });
    expect(await categories.update(owner, id, { name: 'Jazz & Blues' })).toEqual({ id, name: 'Jazz & Blues', slug: 'jazz' });
    expect(await categories.update(owner, id, { slug: 'jazz-blues' })).toEqual({ id, name: 'Jazz & Blues', slug: 'jazz-blues' });
    expect(await categories.update(owner, id, {})).toEqual({ id, name: 'Jazz & Blues', slug: 'jazz-blues' });
  });

  it("lets a category keep its own slug but refuses another category's with SLUG_TAKEN on slug", async () => {
    const owner = someone();
    await categories.create(someone(), { name: 'Rock', slug: 'rock' });
    const { id } = await categories.create(owner, { name: 'Jazz', slug: 'jazz' });
    expect(await categories.update(owner, id, { name: 'Jazz', slug: 'jazz' })).toMatchObject({ slug: 'jazz' });
    expect(await refusal(categories.update(owner, id, { slug: 'rock' }))).toMatchObject({ code: 'SLUG_TAKEN', field: 'slug' });
    expect((await categories.byIds([id])).get(id)).toMatchObject({ slug: 'jazz' });
  });

  it("never changes another organizer's category: NOT_FOUND, as for a missing or malformed id", async () => {
    const { id } = await categories.create(someone(), { name: 'Jazz', slug: null });
    for (const target of [id, randomUUID(), 'not-an-id']) {
      expect(await refusal(categories.update(someone(), target, { name: 'Mine now' }))).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await categories.list()).toEqual([{ id, name: 'Jazz', slug: 'jazz' }]);
  });

  it('refuses a USER with FORBIDDEN', async () => {
    const owner = someone();
    const { id } = await categories.create(owner, { name: 'Jazz', slug: null });
    expect(await refusal(categories.update({ ...owner, role: 'USER' }, id, { name: 'x' }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('Categories.delete', () => {
  it('deletes an own category that no event uses', async () => {
    const owner = someone();
    const { id } = await categories.create(owner, { name: 'Jazz', slug: null });
    expect(await categories.delete(owner, id)).toBe(true);
    expect(await categories.list()).toEqual([]);
  });

  it("never deletes a category an event uses, whoever's event it is: CONFLICT, and the category stays", async () => {
    const owner = someone();
    const { id } = await categories.create(owner, { name: 'Jazz', slug: null });
    await organizerEvents.create(someone(), eventIn(id));
    expect(await refusal(categories.delete(owner, id))).toEqual({ code: 'CONFLICT', reason: 'CATEGORY_IN_USE' });
    expect(await categories.list()).toHaveLength(1);
  });

  it("never deletes another organizer's category: NOT_FOUND", async () => {
    const { id } = await categories.create(someone(), { name: 'Jazz', slug: null });
    expect(await refusal(categories.delete(someone(), id))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await refusal(categories.delete(someone(), 'not-an-id'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await categories.list()).toHaveLength(1);
  });
});
