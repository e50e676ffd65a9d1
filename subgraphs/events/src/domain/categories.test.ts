import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Role, Viewer } from '@sbor/core';
import { Categories } from './categories.js';
import { inMemoryEventsRepositories } from './in-memory.js';

const someone = (role: Role = 'ORGANIZER'): Viewer => ({ userId: randomUUID(), role, tokenId: randomUUID() });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: { extensions?: Record<string, unknown> }) => error.extensions,
  );

let categories: Categories;

beforeEach(() => {
  categories = new Categories(inMemoryEventsRepositories().categories);
});

describe('Categories.create', () => {
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
