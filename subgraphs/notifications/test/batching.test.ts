import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import {
  countedDatabase,
  createScratchDatabase,
  entitiesRequest,
  startTokenIssuer,
  type CountedDatabase,
  type ScratchDatabase,
  type TokenIssuer,
} from '@sbor/testing';
import { notificationsSettings } from '../src/config.js';
import { insertNotifications } from '../src/db/queries/notifications.js';
import { notificationsSubgraph } from '../src/subgraph.js';
import { ROUTER_SECRET, testLogger } from './support.js';

let scratch: ScratchDatabase;
let counted: CountedDatabase;
let bus: MemoryBus;
let issuer: TokenIssuer;
let server: RunningSubgraph<unknown>;
const recipient = randomUUID();
let ids: string[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('notifications_batching');
  counted = countedDatabase(scratch.url);
  bus = createMemoryBus({ logger: testLogger });
  issuer = await startTokenIssuer();
  const settings = notificationsSettings.load({ ROUTER_SECRET, NOTIFICATIONS_PORT: '0', NODE_ENV: 'test' });
  // Without its background parts (consumers, delivery, sweepers), every statement counted is the request's own.
  server = await startSubgraph({ ...notificationsSubgraph, parts: undefined }, settings, {
    database: counted.database,
    cache: createMemoryCache(),
    bus,
    logger: testLogger,
    verifyToken: issuer.verifyToken,
  });
  const rows = await insertNotifications(
    counted.database.db,
    Array.from({ length: 20 }, (_, i) => ({
      userId: recipient,
      type: 'EVENT_CANCELLED' as const,
      title: `Cancelled ${i}`,
      body: 'Sorry.',
      eventId: randomUUID(),
      sourceFactId: randomUUID(),
    })),
  );
  ids = rows.map((r) => r.id);
});

afterAll(async () => {
  await server?.stop();
  await bus?.close();
  await issuer?.close();
  await counted?.database.close();
  await scratch?.drop();
});

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Notification { id title read event { id } ticket { id } } } }`;

/** The statements one `_entities` request for these notifications costs, read by their recipient. */
async function statementsFor(wanted: string[]): Promise<string[]> {
  const token = (await issuer.sign({ userId: recipient })).token;
  const request = { url: server.url, routerSecret: ROUTER_SECRET, query: ENTITIES, typename: 'Notification', ids: wanted, token };
  const { body, statements } = await entitiesRequest(counted, request);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data!._entities.map((n) => n?.id)).toEqual(wanted);
  return statements;
}

describe('Notification.__resolveReference batching', () => {
  it('reads 20 referenced notifications with as many statements as one', async () => {
    await statementsFor(ids.slice(0, 1)); // the first request also reads what the service keeps for later ones
    const one = await statementsFor(ids.slice(0, 1));
    const twenty = await statementsFor(ids);

    expect(one.length).toBeGreaterThan(0);
    expect(twenty.length, twenty.join('\n')).toBe(one.length);
  });
});
