import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import {
  countedDatabase,
  createScratchDatabase,
  startTokenIssuer,
  type CountedDatabase,
  type ScratchDatabase,
  type TokenIssuer,
} from '@sbor/testing';
import { usersSettings } from '../src/config.js';
import { usersSubgraph } from '../src/subgraph.js';

const ROUTER_SECRET = 'test-router-secret-0123456789';
const logger = createLogger('users-batching-test', process.env.LOG_LEVEL ?? 'silent');

let scratch: ScratchDatabase;
let counted: CountedDatabase;
let bus: MemoryBus;
let issuer: TokenIssuer;
let server: RunningSubgraph<unknown>;
const userIds: string[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase('users_batching');
  counted = countedDatabase(scratch.url);
  bus = createMemoryBus({ logger });
  issuer = await startTokenIssuer();
  const settings = usersSettings.load({ ROUTER_SECRET, USERS_PORT: '0', ARGON2_MEMORY_KIB: '8192' });
  // Without its background parts (relay, sweepers), every statement counted is the request's own.
  server = await startSubgraph({ ...usersSubgraph, parts: undefined }, settings, {
    database: counted.database,
    cache: createMemoryCache(),
    bus,
    logger,
    verifyToken: issuer.verifyToken,
  });
  for (let i = 0; i < 20; i++) {
    const answer = await gql(`mutation ($input: RegisterInput!) { register(input: $input) { user { id } } }`, {
      input: { email: `batch.${Date.now()}.${i}@example.com`, password: 'correct horse battery', displayName: `Ann ${i}` },
    });
    userIds.push((answer.data as { register: { user: { id: string } } }).register.user.id);
  }
});

afterAll(async () => {
  await server?.stop();
  await bus?.close();
  await issuer?.close();
  await counted?.database.close();
  await scratch?.drop();
});

async function gql(query: string, variables: Record<string, unknown>) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'router-authorization': ROUTER_SECRET },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body;
}

const ENTITIES = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id displayName role } } }`;

describe('User.__resolveReference batching', () => {
  it('reads 20 referenced users with as many statements as one', async () => {
    const read = (ids: string[]) => counted.statementsOf(() => gql(ENTITIES, { r: ids.map((id) => ({ __typename: 'User', id })) }));

    const one = await read(userIds.slice(0, 1));
    const twenty = await read(userIds);
    // 20 events by one organizer: the router sends 20 copies of one id.
    const copies = await read(Array.from({ length: 20 }, () => userIds[0]!));

    expect(one.length).toBeGreaterThan(0);
    expect(twenty.length, twenty.join('\n')).toBe(one.length);
    expect(copies.length, copies.join('\n')).toBe(one.length);
  });
});
