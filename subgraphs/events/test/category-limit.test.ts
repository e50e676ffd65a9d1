import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organizer, startEventsService } from './support.js';

let events: Awaited<ReturnType<typeof startEventsService>>;

beforeAll(async () => {
  events = await startEventsService({ MAX_CATEGORIES_PER_ORGANIZER: '2' });
});

afterAll(async () => {
  await events?.close();
});

const CREATE = 'mutation ($input: CreateCategoryInput!) { createCategory(input: $input) { id slug } }';
const CATEGORIES = '{ categories { id slug } }';

describe('Mutation.createCategory', () => {
  it('never creates more than MAX_CATEGORIES_PER_ORGANIZER categories for one organizer', async () => {
    const owner = organizer();
    const slugs = [1, 2, 3].map((n) => `limit-${n}-${randomUUID().slice(0, 8)}`);
    const create = (slug: string) => events.gql<{ createCategory: { id: string } }>(CREATE, { input: { name: 'Jazz', slug } }, owner);
    expect((await create(slugs[0]!)).errors).toBeUndefined();
    expect((await create(slugs[1]!)).errors).toBeUndefined();

    const third = await create(slugs[2]!);
    expect(third.data?.createCategory ?? null).toBeNull();
    expect(third.errors?.[0]?.message).toContain('at most 2 categories');
    expect(third.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LIMIT_REACHED', limit: 2 });
    const listed = await events.gql<{ categories: { slug: string }[] }>(CATEGORIES, {});
    expect(listed.data!.categories.map((c) => c.slug)).not.toContain(slugs[2]);

    // The limit is per organizer: another one still adds theirs.
    const other = await events.gql(CREATE, { input: { name: 'Jazz', slug: `limit-other-${randomUUID().slice(0, 8)}` } }, organizer());
    expect(other.errors).toBeUndefined();
  });
});
