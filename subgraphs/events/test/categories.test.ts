import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import { inHours, organizer, startEventsService } from './support.js';

let events: Awaited<ReturnType<typeof startEventsService>>;

beforeAll(async () => {
  events = await startEventsService();
});

afterAll(async () => {
  await events?.close();
});

const CREATE = 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id name slug } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdateCategoryInput!) { updateCategory(id: $id, input: $input) { id name slug } }';
const DELETE = 'mutation ($id: ID!) { deleteCategory(id: $id) }';
const CATEGORIES = '{ categories { id name slug } }';
const CREATE_EVENT = 'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id category { id } } }';

interface CategoryAnswer {
  id: string;
  name: string;
  slug: string;
}

/** Slugs are unique across the whole (shared) table: each test makes its own. */
const unique = (base: string) => `${base}-${randomUUID().slice(0, 8)}`;

async function createCategory(who: Viewer, name = 'Jazz'): Promise<CategoryAnswer> {
  const answer = await events.gql<{ createCategory: CategoryAnswer }>(CREATE, { input: { name, slug: unique('jazz') } }, who);
  return answer.data!.createCategory;
}

/** What everyone sees of the category now: null once it is gone. */
async function listed(id: string): Promise<CategoryAnswer | null> {
  const answer = await events.gql<{ categories: CategoryAnswer[] }>(CATEGORIES, {});
  return answer.data!.categories.find((c) => c.id === id) ?? null;
}

const codesOf = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => answer.errors?.map((e) => e.extensions?.code);

describe('Mutation.updateCategory', () => {
  it("renames the owner's category and changes its slug", async () => {
    const owner = organizer();
    const category = await createCategory(owner);
    const slug = unique('jazz-blues');
    const answer = await events.gql<{ updateCategory: CategoryAnswer }>(
      UPDATE,
      { id: category.id, input: { name: ' Jazz & Blues ', slug } },
      owner,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.updateCategory).toEqual({ id: category.id, name: 'Jazz & Blues', slug });
    expect(await listed(category.id)).toEqual({ id: category.id, name: 'Jazz & Blues', slug });
  });

  it("never changes another organizer's category: NOT_FOUND, and the category stays as it was", async () => {
    const category = await createCategory(organizer());
    const answer = await events.gql(UPDATE, { id: category.id, input: { name: 'Taken over' } }, organizer());
    expect(answer.data).toBeNull();
    expect(codesOf(answer)).toEqual(['NOT_FOUND']);
    expect(await listed(category.id)).toEqual(category);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED and a USER with FORBIDDEN', async () => {
    const category = await createCategory(organizer());
    expect(codesOf(await events.gql(UPDATE, { id: category.id, input: { name: 'Anonymous' } }))).toEqual(['UNAUTHENTICATED']);
    const user: Viewer = { ...organizer(), role: 'USER' };
    expect(codesOf(await events.gql(UPDATE, { id: category.id, input: { name: 'User' } }, user))).toEqual(['FORBIDDEN']);
    expect(await listed(category.id)).toEqual(category);
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and changes nothing', async () => {
    const owner = organizer();
    const category = await createCategory(owner);
    for (const [input, field] of [
      [{ name: '   ' }, 'name'],
      [{ name: null }, 'name'],
      [{ name: 'x'.repeat(61) }, 'name'],
      [{ slug: 'Not A Slug' }, 'slug'],
    ] as const) {
      const answer = await events.gql(UPDATE, { id: category.id, input }, owner);
      expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await listed(category.id)).toEqual(category);
  });

  it('refuses a slug another category has with SLUG_TAKEN on slug', async () => {
    const owner = organizer();
    const other = await createCategory(organizer(), 'Rock');
    const category = await createCategory(owner);
    const answer = await events.gql(UPDATE, { id: category.id, input: { slug: other.slug } }, owner);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SLUG_TAKEN', field: 'slug' });
    expect(await listed(category.id)).toEqual(category);
  });
});

describe('Mutation.deleteCategory', () => {
  it("deletes the owner's unused category, which then no longer lists", async () => {
    const owner = organizer();
    const category = await createCategory(owner);
    const answer = await events.gql<{ deleteCategory: boolean }>(DELETE, { id: category.id }, owner);
    expect(answer).toEqual({ data: { deleteCategory: true } });
    expect(await listed(category.id)).toBeNull();
    expect(codesOf(await events.gql(DELETE, { id: category.id }, owner))).toEqual(['NOT_FOUND']);
  });

  it("never deletes another organizer's category: NOT_FOUND, and it stays", async () => {
    const category = await createCategory(organizer());
    const answer = await events.gql(DELETE, { id: category.id }, organizer());
    expect(codesOf(answer)).toEqual(['NOT_FOUND']);
    expect(await listed(category.id)).toEqual(category);
  });

  it('refuses an anonymous caller with UNAUTHENTICATED, and the category stays', async () => {
    const category = await createCategory(organizer());
    expect(codesOf(await events.gql(DELETE, { id: category.id }))).toEqual(['UNAUTHENTICATED']);
    expect(await listed(category.id)).toEqual(category);
  });

  it('never deletes a category an event uses: CONFLICT, and the category and the event keep it', async () => {
    const owner = organizer();
    const category = await createCategory(owner);
    // Another organizer's draft: the owner cannot even see it, and still it must not lose its category.
    const eventOwner = organizer();
    const created = await events.gql<{ createEvent: { id: string } }>(
      CREATE_EVENT,
      { input: { title: 'Jazz night', venue: 'Hall', categoryId: category.id, startsAt: inHours(30), endsAt: inHours(32) } },
      eventOwner,
    );
    const eventId = created.data!.createEvent.id;

    const answer = await events.gql(DELETE, { id: category.id }, owner);
    expect(answer.data).toBeNull();
    expect(answer.errors?.[0]).toMatchObject({
      message: expect.stringContaining('cannot be deleted'),
      extensions: { code: 'CONFLICT', reason: 'CATEGORY_IN_USE' },
    });
    expect(await listed(category.id)).toEqual(category);
    const event = await events.gql<{ event: { category: { id: string } | null } }>(
      'query ($id: ID!) { event(id: $id) { category { id } } }',
      { id: eventId },
      eventOwner,
    );
    expect(event.data?.event.category).toEqual({ id: category.id });
  });
});
