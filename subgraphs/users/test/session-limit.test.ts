import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryCache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { databaseOnPostgres, type Database } from '@sbor/db';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type MemoryBus } from '@sbor/messaging';
import { createScratchDatabase, startTokenIssuer, type ScratchDatabase, type TokenIssuer } from '@sbor/testing';
import { usersSettings } from '../src/config.js';
import { usersSubgraph } from '../src/subgraph.js';

const ROUTER_SECRET = 'test-router-secret-0123456789';
const PASSWORD = 'correct horse battery';
const logger = createLogger('users-test', process.env.LOG_LEVEL ?? 'silent');

let scratch: ScratchDatabase;
let database: Database;
let bus: MemoryBus;
let stranger: TokenIssuer;
let server: RunningSubgraph<unknown>;

beforeAll(async () => {
  scratch = await createScratchDatabase('users_session_limit');
  database = databaseOnPostgres(scratch.url, { applicationName: 'users-session-limit-test' });
  bus = createMemoryBus({ logger });
  stranger = await startTokenIssuer();
  const settings = usersSettings.load({ ROUTER_SECRET, USERS_PORT: '0', ARGON2_MEMORY_KIB: '8192', MAX_SESSIONS_PER_USER: '3' });
  server = await startSubgraph(usersSubgraph, settings, {
    database,
    cache: createMemoryCache(),
    bus,
    logger,
    verifyToken: stranger.verifyToken,
  });
});

afterAll(async () => {
  await server?.stop();
  await bus?.close();
  await stranger?.close();
  await database?.close();
  await scratch?.drop();
});

async function gql(query: string, variables: Record<string, unknown>) {
  const headers = { 'content-type': 'application/json', 'router-authorization': ROUTER_SECRET };
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await response.json()) as { data?: Record<string, { refreshToken: string }>; errors?: { extensions: Record<string, unknown> }[] };
}

const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { refreshToken } }';
const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { refreshToken } }';
const REFRESH = 'mutation ($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }';

describe('Mutation.login', () => {
  it('ends the oldest session once MAX_SESSIONS_PER_USER are live, and the new sign-in works', async () => {
    const email = `ann.${Date.now()}@example.com`;
    const first = (await gql(REGISTER, { input: { email, password: PASSWORD, displayName: 'Ann' } })).data!.register!.refreshToken;
    const second = (await gql(LOGIN, { email, password: PASSWORD })).data!.login!.refreshToken;
    await gql(LOGIN, { email, password: PASSWORD });
    const newest = (await gql(LOGIN, { email, password: PASSWORD })).data!.login!.refreshToken;

    expect((await gql(REFRESH, { t: first })).errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
    expect((await gql(REFRESH, { t: second })).errors).toBeUndefined();
    expect((await gql(REFRESH, { t: newest })).errors).toBeUndefined();
  });
});
