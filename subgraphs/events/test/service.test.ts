import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '@sbor/core';
import { events } from '../src/db/events.js';
import { inHours, organizer, startEventsService } from './support.js';

let running: Awaited<ReturnType<typeof startEventsService>>;
let ROUTER_SECRET: string;

beforeAll(async () => {
  running = await startEventsService();
  ROUTER_SECRET = running.routerSecret;
});

afterAll(async () => {
  await running?.close();
});

const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, viewer?: Viewer) =>
  running.gql<T>(query, variables, viewer);

const CREATE = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }';
const PUBLISH = 'mutation ($id: ID!) { publishEvent(id: $id) { id status } }';

async function createEvent(who: Viewer, publish: boolean): Promise<string> {
  const created = await gql<{ createEvent: { id: string } }>(
    CREATE,
    { i: { title: 'Entity night', venue: 'Hall', startsAt: inHours(30), endsAt: inHours(32) } },
    who,
  );
  const id = created.data!.createEvent.id;
  if (publish) await gql(PUBLISH, { id }, who);
  return id;
}

const internalRead = (id: string, secret?: string) =>
  fetch(new URL(`/internal/events/${id}`, running.service.url), { headers: secret ? { 'router-authorization': secret } : {} });

describe('GET /internal/events/:id', () => {
  it('answers the event as the tickets service expects it, with its status as of now', async () => {
    const who = organizer();
    const id = await createEvent(who, true);
    const response = await internalRead(id, ROUTER_SECRET);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(['endsAt', 'id', 'organizerId', 'startsAt', 'status', 'title', 'venue']);
    expect(body).toMatchObject({ id, organizerId: who.userId, status: 'PUBLISHED', title: 'Entity night', venue: 'Hall' });
    expect(new Date(body.startsAt!).toISOString()).toBe(body.startsAt);
  });

  it('reads a draft as DRAFT and a published event whose end passed as COMPLETED', async () => {
    const who = organizer();
    const draft = await createEvent(who, false);
    expect(await (await internalRead(draft, ROUTER_SECRET)).json()).toMatchObject({ status: 'DRAFT' });
    const ended = await createEvent(who, true);
    await running.database.db
      .update(events)
      .set({ startsAt: sql`now() - interval '3 hours'`, endsAt: sql`now() - interval '1 hour'` })
      .where(eq(events.id, ended));
    expect(await (await internalRead(ended, ROUTER_SECRET)).json()).toMatchObject({ status: 'COMPLETED' });
  });

  it('answers 404 NOT_FOUND for an unknown or malformed id', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) {
      const response = await internalRead(id, ROUTER_SECRET);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: 'NOT_FOUND' });
    }
  });

  it('refuses a caller without the router secret with 401', async () => {
    const id = await createEvent(organizer(), true);
    for (const secret of [undefined, 'wrong-secret-wrong-secret']) {
      const response = await internalRead(id, secret);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'UNAUTHENTICATED' });
    }
  });
});

describe('Event.__resolveReference', () => {
  const ENTITIES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id title status organizer { id } } } }';

  it('resolves published events for anyone and a draft only for its organizer', async () => {
    const owner = organizer();
    const published = await createEvent(owner, true);
    const draft = await createEvent(owner, false);
    const representations = [published, draft].map((id) => ({ __typename: 'Event', id }));

    const asOwner = await gql<{ _entities: unknown[] }>(ENTITIES, { r: representations }, owner);
    expect(asOwner.data?._entities).toMatchObject([{ id: published }, { id: draft, status: 'DRAFT', organizer: { id: owner.userId } }]);

    const asStranger = await gql<{ _entities: unknown[] }>(ENTITIES, { r: representations }, organizer());
    expect(asStranger.data?._entities).toMatchObject([{ id: published, status: 'PUBLISHED' }, null]);
    const anonymous = await gql<{ _entities: unknown[] }>(ENTITIES, { r: representations });
    expect(anonymous.data?._entities).toMatchObject([{ id: published }, null]);
  });

  it('resolves an unknown or malformed id to null instead of failing', async () => {
    const res = await gql<{ _entities: unknown[] }>(ENTITIES, {
      r: [
        { __typename: 'Event', id: randomUUID() },
        { __typename: 'Event', id: 'x' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities).toEqual([null, null]);
  });
});

describe('eventsSubgraph', () => {
  it('runs the reminder scheduler on demand and reports what it handled', async () => {
    expect(await running.service.domain.reminders.runOnce()).toEqual({ sent: 0, skipped: 0 });
  });
});
