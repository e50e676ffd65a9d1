import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';

const PASSWORD = 'correct horse battery';
const HOUR = 60 * 60 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

const EVENT_FIELDS =
  'id title description venue status startsAt endsAt publishedAt cancelledAt cancellationReason category { id slug } schedule { title startsAt endsAt speaker location }';
const CREATE = `mutation ($i: CreateEventInput!) { createEvent(input: $i) { ${EVENT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $i: UpdateEventInput!) { updateEvent(id: $id, input: $i) { ${EVENT_FIELDS} } }`;
const PUBLISH = `mutation ($id: ID!) { publishEvent(id: $id) { ${EVENT_FIELDS} } }`;
const CANCEL = `mutation ($id: ID!, $reason: String) { cancelEvent(id: $id, reason: $reason) { ${EVENT_FIELDS} } }`;
const SCHEDULE = `mutation ($id: ID!, $items: [ScheduleItemInput!]!) { setSchedule(eventId: $id, items: $items) { ${EVENT_FIELDS} } }`;
const EVENT = `query ($id: ID!) { event(id: $id) { ${EVENT_FIELDS} organizer { id displayName } } }`;
const LIST = `query ($f: EventFilter, $first: Int, $after: String) {
  events(filter: $f, first: $first, after: $after) { edges { cursor node { id title startsAt status } } pageInfo { hasNextPage endCursor } }
}`;

interface EventData {
  id: string;
  title: string;
  description: string;
  venue: string;
  status: string;
  startsAt: string;
  endsAt: string;
  publishedAt: string | null;
  cancelledAt: string | null;
  cancellationReason: string | null;
  category: { id: string; slug: string } | null;
  schedule: { title: string; startsAt: string; endsAt: string; speaker: string | null; location: string | null }[];
  organizer?: { id: string; displayName: string };
}
interface Page {
  edges: { cursor: string; node: { id: string; title: string; startsAt: string; status: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe.each(MODES)('events through the router (%s mode)', (mode) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function signUp(displayName: string, asOrganizer: boolean) {
    const registered = await platform.gql<{ register: { accessToken: string; user: { id: string } } }>(
      'mutation ($i: RegisterInput!) { register(input: $i) { accessToken user { id } } }',
      {
        i: {
          email: `${displayName.toLowerCase().replace(/\W/g, '')}.${randomUUID().slice(0, 8)}@example.com`,
          password: PASSWORD,
          displayName,
        },
      },
    );
    expect(registered.errors, JSON.stringify(registered.errors)).toBeUndefined();
    const { accessToken, user } = registered.data!.register;
    if (!asOrganizer) return { token: accessToken, id: user.id };
    const upgraded = await platform.gql<{ becomeOrganizer: { accessToken: string } }>(
      'mutation { becomeOrganizer { accessToken } }',
      {},
      { token: accessToken },
    );
    return { token: upgraded.data!.becomeOrganizer.accessToken, id: user.id };
  }

  /** Runs one operation that must succeed and returns its single root field. */
  async function ok<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
    const res = await platform.gql<Record<string, T>>(query, variables, { token });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return Object.values(res.data!)[0]!;
  }

  async function errorOf(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<Record<string, unknown> & { message: string }> {
    const res = await platform.gql(query, variables, { token });
    expect(res.errors, `expected an error, got ${JSON.stringify(res.data)}`).toBeDefined();
    expect(res.errors![0]!.message).not.toMatch(/\n\s+at |\.ts:\d/);
    return { ...res.errors![0]!.extensions, message: res.errors![0]!.message };
  }

  const draftInput = (overrides: Record<string, unknown> = {}) => ({
    title: 'Jazz in the park',
    description: 'An evening of jazz quartets under the trees.',
    venue: 'Central Park bandstand',
    startsAt: inHours(72),
    endsAt: inHours(75),
    ...overrides,
  });

  async function newCategory(token: string) {
    const slug = `cat-${randomUUID().slice(0, 8)}`;
    return ok<{ id: string; slug: string }>(
      'mutation ($i: CreateCategoryInput!) { createCategory(input: $i) { id slug } }',
      { i: { name: `Category ${slug}`, slug } },
      token,
    );
  }

  describe('Mutation.createEvent → updateEvent → setSchedule → publishEvent → cancelEvent', () => {
    it('walks an event through its whole life as an organizer would', async () => {
      const org = await signUp('Olga Organizer', true);
      const draft = await ok<EventData>(CREATE, { i: draftInput() }, org.token);
      expect(draft).toMatchObject({ status: 'DRAFT', publishedAt: null, schedule: [], category: null });

      const category = await newCategory(org.token);
      const edited = await ok<EventData>(UPDATE, { id: draft.id, i: { title: 'Jazz at dusk', categoryId: category.id } }, org.token);
      expect(edited).toMatchObject({ title: 'Jazz at dusk', venue: draft.venue, category });

      const items = [
        { title: 'Doors', startsAt: draft.startsAt, endsAt: draft.startsAt },
        { title: 'Quartet', startsAt: draft.startsAt, endsAt: draft.endsAt, speaker: 'The Blue Four', location: 'Main stage' },
      ];
      const scheduled = await ok<EventData>(SCHEDULE, { id: draft.id, items }, org.token);
      expect(scheduled.schedule.map((s) => s.title)).toEqual(['Doors', 'Quartet']);
      expect(scheduled.schedule[1]).toMatchObject({ speaker: 'The Blue Four', location: 'Main stage' });

      const published = await ok<EventData>(PUBLISH, { id: draft.id }, org.token);
      expect(published.status).toBe('PUBLISHED');
      expect(new Date(published.publishedAt!).getTime()).toBeLessThanOrEqual(Date.now());

      // Published: description and venue may still change, the title may not.
      expect(await errorOf(UPDATE, { id: draft.id, i: { title: 'Renamed' } }, org.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'title',
      });
      const moved = await ok<EventData>(UPDATE, { id: draft.id, i: { venue: 'Boathouse', description: 'Moved indoors.' } }, org.token);
      expect(moved).toMatchObject({ venue: 'Boathouse', description: 'Moved indoors.', status: 'PUBLISHED' });
      expect(await errorOf(PUBLISH, { id: draft.id }, org.token)).toMatchObject({
        code: 'INVALID_TRANSITION',
        from: 'PUBLISHED',
        to: 'PUBLISHED',
      });

      const cancelled = await ok<EventData>(CANCEL, { id: draft.id, reason: 'Storm warning' }, org.token);
      expect(cancelled).toMatchObject({ status: 'CANCELLED', cancellationReason: 'Storm warning' });
      expect(cancelled.cancelledAt).not.toBeNull();

      expect(await errorOf(UPDATE, { id: draft.id, i: { venue: 'Elsewhere' } }, org.token)).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect(await errorOf(SCHEDULE, { id: draft.id, items: [] }, org.token)).toMatchObject({ code: 'INVALID_TRANSITION' });
      const republish = await errorOf(PUBLISH, { id: draft.id }, org.token);
      expect(republish).toMatchObject({ code: 'INVALID_TRANSITION', from: 'CANCELLED', to: 'PUBLISHED' });
      expect(republish.message).toMatch(/CANCELLED.*PUBLISHED/);
    });

    it('resolves event { organizer { displayName } } from the users subgraph', async () => {
      const org = await signUp('Oleg Host', true);
      const draft = await ok<EventData>(CREATE, { i: draftInput() }, org.token);
      await ok(PUBLISH, { id: draft.id }, org.token);
      const anonymous = await ok<EventData>(EVENT, { id: draft.id });
      expect(anonymous.organizer).toEqual({ id: org.id, displayName: 'Oleg Host' });
    });

    it('resolves the organizer of every event in a list, also when many identical reads arrive at once', async () => {
      // The router sends a repeated User representation once and shares identical reads in
      // flight; each event must still carry its own organizer.
      const [ada, ben] = [await signUp('Ada Lists', true), await signUp('Ben Lists', true)];
      const tag = `zq${randomUUID()
        .replace(/[^a-f]/g, '')
        .slice(0, 8)}`;
      const owners = [ada, ben, ada, ada, ben];
      for (const [i, owner] of owners.entries()) {
        const draft = await ok<EventData>(CREATE, { i: draftInput({ title: `Listed ${tag} ${i}` }) }, owner.token);
        await ok(PUBLISH, { id: draft.id }, owner.token);
      }
      const query = `query ($f: EventFilter) { events(filter: $f, first: 10) { edges { node { title organizer { id displayName } } } } }`;
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          ok<{ edges: { node: { title: string; organizer: { id: string; displayName: string } } }[] }>(query, { f: { search: tag } }),
        ),
      );
      const expected = owners.map((owner, i) => ({
        title: `Listed ${tag} ${i}`,
        organizer: { id: owner.id, displayName: owner === ada ? 'Ada Lists' : 'Ben Lists' },
      }));
      for (const page of answers) {
        const nodes = page.edges.map((e) => e.node).sort((a, b) => a.title.localeCompare(b.title));
        expect(nodes).toEqual(expected);
      }
    });

    it('reads a published event whose end has passed as COMPLETED, which can no longer change', async () => {
      const org = await signUp('Olive', true);
      const draft = await ok<EventData>(CREATE, { i: draftInput({ startsAt: inHours(0.0004), endsAt: inHours(0.0008) }) }, org.token);
      await ok(PUBLISH, { id: draft.id }, org.token);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await ok<EventData>(EVENT, { id: draft.id })).status).toBe('COMPLETED');
      expect(await errorOf(UPDATE, { id: draft.id, i: { venue: 'Later' } }, org.token)).toMatchObject({ code: 'EVENT_COMPLETED' });
      expect(await errorOf(CANCEL, { id: draft.id }, org.token)).toMatchObject({ code: 'EVENT_COMPLETED' });
      const mine = await ok<{ id: string }[]>('query { myEvents(status: COMPLETED) { id } }', {}, org.token);
      expect(mine.map((e) => e.id)).toEqual([draft.id]);
    });
  });

  describe('Mutation.publishEvent', () => {
    it('never publishes an event that starts in the past', async () => {
      const org = await signUp('Late Publisher', true);
      const draft = await ok<EventData>(CREATE, { i: draftInput({ startsAt: inHours(0.0003), endsAt: inHours(2) }) }, org.token);
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      expect(await errorOf(PUBLISH, { id: draft.id }, org.token)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'startsAt' });
      expect((await ok<EventData>(EVENT, { id: draft.id }, org.token)).status).toBe('DRAFT');
    });
  });

  describe("organizer actions on someone else's event", () => {
    it('refuses a USER who tries to create an event or a category with FORBIDDEN', async () => {
      const user = await signUp('Ursula', false);
      expect(await errorOf(CREATE, { i: draftInput() }, user.token)).toMatchObject({ code: 'FORBIDDEN' });
      expect(await errorOf('mutation { createCategory(input: { name: "Mine" }) { id } }', {}, user.token)).toMatchObject({
        code: 'FORBIDDEN',
      });
      expect(await errorOf(CREATE, { i: draftInput() })).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('lets another organizer neither see nor touch a draft, answering as if it did not exist', async () => {
      const owner = await signUp('Owner', true);
      const other = await signUp('Other', true);
      const draft = await ok<EventData>(CREATE, { i: draftInput() }, owner.token);

      expect(await ok(EVENT, { id: draft.id }, other.token)).toBeNull();
      expect(await ok(EVENT, { id: draft.id })).toBeNull();
      expect((await ok<EventData>(EVENT, { id: draft.id }, owner.token)).id).toBe(draft.id);
      const unknown = randomUUID();
      for (const [query, variables] of [
        [UPDATE, { i: { title: 'Mine now' } }],
        [PUBLISH, {}],
        [CANCEL, {}],
        [SCHEDULE, { items: [] }],
      ] as const) {
        const theirs = await errorOf(query, { ...variables, id: draft.id }, other.token);
        const missing = await errorOf(query, { ...variables, id: unknown }, other.token);
        expect(theirs).toEqual(missing);
        expect(theirs.code).toBe('NOT_FOUND');
      }
      expect(await ok(`query { myEvents { id } }`, {}, other.token)).toEqual([]);

      // Other subgraphs reach events through _entities: the same rule holds there.
      const entities = async (token: string) => {
        const response = await fetch(platform.subgraphUrls.events, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'router-authorization': platform.routerSecret, authorization: `Bearer ${token}` },
          body: JSON.stringify({
            query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id } } }',
            variables: { r: [{ __typename: 'Event', id: draft.id }] },
          }),
        });
        return ((await response.json()) as { data: { _entities: unknown[] } }).data._entities;
      };
      expect(await entities(other.token)).toEqual([null]);
      expect(await entities(owner.token)).toEqual([{ id: draft.id }]);
      expect((await ok<EventData>(EVENT, { id: draft.id }, owner.token)).title).toBe(draft.title);
    });
  });

  describe('bad input', () => {
    it.each([
      ['an over-long title', { title: 'x'.repeat(201) }, 'title'],
      ['an over-long description', { description: 'x'.repeat(10_001) }, 'description'],
      ['an over-long venue', { venue: 'x'.repeat(301) }, 'venue'],
      ['an end before the start', { startsAt: inHours(50), endsAt: inHours(49) }, 'endsAt'],
      ['a start in the past', { startsAt: inHours(-1), endsAt: inHours(2) }, 'startsAt'],
      ['an unknown category', { categoryId: randomUUID() }, 'categoryId'],
    ])('answers BAD_USER_INPUT naming the field for %s', async (_what, overrides, field) => {
      const org = await signUp('Bad Input', true);
      expect(await errorOf(CREATE, { i: draftInput(overrides) }, org.token)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('answers BAD_USER_INPUT for a date that is not ISO-8601, and a clear validation error for such a literal', async () => {
      const org = await signUp('Bad Date', true);
      const variable = await errorOf(CREATE, { i: draftInput({ startsAt: 'next friday' }) }, org.token);
      expect(variable).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(variable.message).toMatch(/startsAt.*ISO-8601/);
      const literal = await errorOf('{ events(filter: { from: "soon" }) { pageInfo { hasNextPage } } }', {});
      expect(literal).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
      expect(literal.message).toMatch(/ISO-8601/);
    });

    it('refuses schedule items outside the event or ending before they start', async () => {
      const org = await signUp('Schedule', true);
      const draft = await ok<EventData>(CREATE, { i: draftInput() }, org.token);
      const before = { title: 'Early', startsAt: inHours(71), endsAt: draft.endsAt };
      const backwards = { title: 'Backwards', startsAt: draft.endsAt, endsAt: draft.startsAt };
      expect(await errorOf(SCHEDULE, { id: draft.id, items: [before] }, org.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'items.0.startsAt',
      });
      expect(await errorOf(SCHEDULE, { id: draft.id, items: [backwards] }, org.token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'items.0.endsAt',
      });
    });

    it('refuses a second category with a taken slug with SLUG_TAKEN', async () => {
      const org = await signUp('Slugger', true);
      const category = await newCategory(org.token);
      const again = await errorOf(
        'mutation ($i: CreateCategoryInput!) { createCategory(input: $i) { id } }',
        { i: { name: 'Copy', slug: category.slug } },
        org.token,
      );
      expect(again).toMatchObject({ code: 'SLUG_TAKEN', field: 'slug' });
      const all = await ok<{ slug: string }[]>('query { categories { slug } }', {});
      expect(all.filter((c) => c.slug === category.slug)).toHaveLength(1);
    });
  });

  describe('Query.events', () => {
    it('lists only published events and pages through 50+ of them without gaps or repeats, even as events are added', async () => {
      const org = await signUp('Pager', true);
      const category = await newCategory(org.token);
      const ids: string[] = [];
      for (let i = 0; i < 55; i++) {
        // Pairs share a start time, so the id breaks the tie in the order.
        const startsAt = new Date(Date.now() + 100 * HOUR + Math.floor(i / 2) * 60_000).toISOString();
        const created = await ok<EventData>(
          CREATE,
          { i: draftInput({ title: `Paged ${i}`, categoryId: category.id, startsAt, endsAt: inHours(200) }) },
          org.token,
        );
        ids.push(created.id);
        if (i >= 2) await ok(PUBLISH, { id: created.id }, org.token);
      }
      await ok(CANCEL, { id: ids[10] }, org.token);
      const listed = new Set(ids.slice(2).filter((id) => id !== ids[10]));

      const seen: Page['edges'] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const page: Page = await ok<Page>(LIST, { f: { categoryId: category.id }, first: 10, after });
        seen.push(...page.edges);
        after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        if (++pages === 2) {
          // Inserted mid-way: one before the pages already read (never shows), one at the end (shows once).
          const early = await ok<EventData>(
            CREATE,
            { i: draftInput({ title: 'Early bird', categoryId: category.id, startsAt: inHours(99), endsAt: inHours(200) }) },
            org.token,
          );
          const late = await ok<EventData>(
            CREATE,
            { i: draftInput({ title: 'Late comer', categoryId: category.id, startsAt: inHours(150), endsAt: inHours(200) }) },
            org.token,
          );
          await ok(PUBLISH, { id: early.id }, org.token);
          await ok(PUBLISH, { id: late.id }, org.token);
          listed.add(late.id);
        }
      } while (after);

      expect(pages).toBe(6);
      const seenIds = seen.map((e) => e.node.id);
      expect(new Set(seenIds).size).toBe(seenIds.length);
      expect(new Set(seenIds)).toEqual(listed);
      expect(seen.every((e) => e.node.status === 'PUBLISHED')).toBe(true);
      const order = seen.map((e) => `${e.node.startsAt}|${e.node.id}`);
      expect(order).toEqual([...order].sort());
    });

    it('finds events by a word in the description, stemmed', async () => {
      const org = await signUp('Searcher', true);
      const category = await newCategory(org.token);
      const word = `quokka${randomUUID()
        .replace(/[^a-f]/g, '')
        .slice(0, 8)}`;
      const match = await ok<EventData>(
        CREATE,
        { i: draftInput({ categoryId: category.id, description: `Bring your ${word} and some accordions.` }) },
        org.token,
      );
      const other = await ok<EventData>(
        CREATE,
        { i: draftInput({ categoryId: category.id, description: 'Nothing to see here.' }) },
        org.token,
      );
      await ok(PUBLISH, { id: match.id }, org.token);
      await ok(PUBLISH, { id: other.id }, org.token);

      const byWord = await ok<Page>(LIST, { f: { search: word } });
      expect(byWord.edges.map((e) => e.node.id)).toEqual([match.id]);
      const stemmed = await ok<Page>(LIST, { f: { search: 'accordion', categoryId: category.id } });
      expect(stemmed.edges.map((e) => e.node.id)).toEqual([match.id]);
    });

    it('caps first at 100 and refuses a cursor it did not make', async () => {
      expect(await errorOf(LIST, { first: 101 })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await ok<Page>(LIST, { first: 100 })).edges.length).toBeLessThanOrEqual(100);
      expect(await errorOf(LIST, { after: 'bm90IGEgY3Vyc29y' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('Query.myEvents', () => {
    it("lists the organizer's own events in any status, or only the status asked for", async () => {
      const org = await signUp('Mine', true);
      const draft = await ok<EventData>(CREATE, { i: draftInput({ startsAt: inHours(80), endsAt: inHours(81) }) }, org.token);
      const live = await ok<EventData>(CREATE, { i: draftInput({ startsAt: inHours(90), endsAt: inHours(91) }) }, org.token);
      await ok(PUBLISH, { id: live.id }, org.token);
      expect((await ok<{ id: string }[]>('query { myEvents { id } }', {}, org.token)).map((e) => e.id)).toEqual([draft.id, live.id]);
      expect((await ok<{ id: string }[]>('query { myEvents(status: PUBLISHED) { id } }', {}, org.token)).map((e) => e.id)).toEqual([
        live.id,
      ]);
      expect(await errorOf('query { myEvents { id } }', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });
});
