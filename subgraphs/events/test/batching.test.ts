import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import { countedDatabase, createScratchDatabase, entitiesRequest, type CountedDatabase, type ScratchDatabase } from '@sbor/testing';
import { eventsSettings } from '../src/config.js';
import { eventsSubgraph, type EventsDomain } from '../src/subgraph.js';
import { eventInput, inHours, organizer, testLogger } from './support.js';

const ROUTER_SECRET = 'events-batching-test-secret';

let scratch: ScratchDatabase;
let counted: CountedDatabase;
let bus: MemoryBus;
let service: RunningSubgraph<EventsDomain>;
const eventIds: string[] = [];
const categoryIds: string[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('events_batching');
  counted = countedDatabase(scratch.url);
  bus = createMemoryBus({ logger: testLogger });
  // Without its background parts (relay, reminders), every statement counted is the request's own.
  service = await startSubgraph({ ...eventsSubgraph, parts: undefined }, eventsSettings.load({ EVENTS_PORT: '0', ROUTER_SECRET }), {
    database: counted.database,
    cache: createMemoryCache(),
    bus,
    logger: testLogger,
    verifyToken: () => Promise.reject(new Error('anonymous only')),
  });
  // 20 events, each by its own organizer, in its own category, with a schedule.
  const { organizerEvents, categories } = service.domain;
  for (let i = 0; i < 20; i++) {
    const who = organizer();
    const category = await categories.create(who, { name: `Category ${i}`, slug: `category-${i}` });
    const event = await organizerEvents.create(
      who,
      eventInput({
        title: `Night ${i}`,
        description: 'Batched.',
        venue: 'Hall',
        startsAt: inHours(24),
        endsAt: inHours(26),
        categoryId: category.id,
      }),
    );
    await organizerEvents.setSchedule(who, event.id, [
      { title: 'Doors', startsAt: inHours(24), endsAt: inHours(25), speaker: null, location: null },
    ]);
    await organizerEvents.publish(who, event.id);
    eventIds.push(event.id);
    categoryIds.push(category.id);
  }
});

afterAll(async () => {
  await service?.stop();
  await bus?.close();
  await counted?.database.close();
  await scratch?.drop();
});

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Event { id title organizer { id } category { id name } schedule { title } }
  ... on Category { id name } } }`;

/** Statements one `_entities` request of `typename` with these ids costs; also checks every one resolved. */
async function statementsFor(typename: string, ids: string[]): Promise<string[]> {
  const { body, statements } = await entitiesRequest(counted, {
    url: service.url,
    routerSecret: ROUTER_SECRET,
    query: ENTITIES,
    typename,
    ids,
  });
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data!._entities.map((e) => e?.id)).toEqual(ids);
  return statements;
}

describe('Event.__resolveReference batching', () => {
  it('reads 20 referenced events, their categories and schedules with as many statements as one', async () => {
    await statementsFor('Event', eventIds.slice(0, 1)); // the first request also reads what the service keeps for later ones
    const one = await statementsFor('Event', eventIds.slice(0, 1));
    const twenty = await statementsFor('Event', eventIds);

    expect(one.length).toBeGreaterThan(0);
    expect(twenty.length, twenty.join('\n')).toBe(one.length);
  });
});

describe('Category.__resolveReference batching', () => {
  it('reads 20 referenced categories with as many statements as one', async () => {
    const one = await statementsFor('Category', categoryIds.slice(0, 1));
    const twenty = await statementsFor('Category', categoryIds);

    expect(one.length).toBeGreaterThan(0);
    expect(twenty.length, twenty.join('\n')).toBe(one.length);
  });
});
