import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, DEFAULT_AUDIENCE, DEFAULT_ISSUER, remoteKeySet } from '@sbor/auth';
import { createMemoryCache } from '@sbor/cache';
import { createLogger } from '@sbor/core';
import { databaseOnPostgres, type Database } from '@sbor/db';
import { startSubgraph, type RunningSubgraph } from '@sbor/kit';
import { createMemoryBus, type IncomingMessage, type MemoryBus } from '@sbor/messaging';
import { createScratchDatabase, startTokenIssuer, waitFor, type ScratchDatabase, type TokenIssuer } from '@sbor/testing';
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
let base: string;

beforeAll(async () => {
  scratch = await createScratchDatabase('users_service');
  database = databaseOnPostgres(scratch.url, { applicationName: 'users-service-test' });
  bus = createMemoryBus({ logger });
  // Given to the service as the platform's verifier: users must ignore it and trust only its own keys.
  stranger = await startTokenIssuer();
  const settings = usersSettings.load({ ROUTER_SECRET, USERS_PORT: '0', ARGON2_MEMORY_KIB: '8192' });
  server = await startSubgraph(usersSubgraph, settings, {
    database,
    cache: createMemoryCache(),
    bus,
    logger,
    verifyToken: stranger.verifyToken,
  });
  base = server.url.replace(/\/graphql$/, '');
});

afterAll(async () => {
  await server?.stop();
  await bus?.close();
  await stranger?.close();
  await database?.close();
  await scratch?.drop();
});

interface Answer {
  status: number;
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  errors?: { message: string; extensions: Record<string, unknown> }[];
}

async function gql(query: string, variables: Record<string, unknown> = {}, token?: string, secret = ROUTER_SECRET): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'router-authorization': secret };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return { status: response.status, ...((await response.json()) as object) };
}

const SESSION = 'accessToken refreshToken user { id email role }';
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { ${SESSION} } }`;
const ME = '{ me { id email role } }';

let registrations = 0;
const newEmail = () => `ann.${Date.now()}.${++registrations}@example.com`;

async function register(email = newEmail()) {
  const answer = await gql(REGISTER, { input: { email, password: PASSWORD, displayName: 'Ann' } });
  expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
  return answer.data!.register as { accessToken: string; refreshToken: string; user: { id: string; email: string; role: string } };
}

describe('users subgraph over HTTP', () => {
  it('answers only requests that carry the router secret', async () => {
    expect((await gql(ME, {}, undefined, 'wrong')).status).toBe(401);
  });

  it('serves its public keys, with which the access tokens it issues verify', async () => {
    const session = await register();
    const response = await fetch(`${base}/.well-known/jwks.json`);
    const { keys } = (await response.json()) as { keys: Record<string, unknown>[] };

    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => !('d' in k))).toBe(true);
    const verify = createTokenVerifier({
      keys: remoteKeySet(`${base}/.well-known/jwks.json`),
      issuer: DEFAULT_ISSUER,
      audience: DEFAULT_AUDIENCE,
    });
    expect(await verify(session.accessToken)).toMatchObject({ userId: session.user.id, role: 'USER' });
  });

  it('trusts its own access tokens and refuses tokens signed by any other key', async () => {
    const session = await register();

    expect((await gql(ME, {}, session.accessToken)).data!.me).toMatchObject({ id: session.user.id, email: session.user.email });
    const foreign = await gql(ME, {}, await stranger.token(session.user.id));
    expect(foreign.status).toBe(401);
    expect(foreign.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('relays user.registered, keyed by the user id', async () => {
    const seen: IncomingMessage[] = [];
    await bus.subscribe({ groupId: `observer-${registrations}`, topics: ['user.registered'], handler: async (m) => void seen.push(m) });
    const session = await register();

    const message = await waitFor(() => seen.find((m) => m.key === session.user.id), 10_000, 'user.registered');
    expect(JSON.parse(message.value)).toMatchObject({
      event: 'user.registered',
      data: { user_id: session.user.id, email: session.user.email },
    });
  });

  it('answers a taken address, whatever its case, as it answers a free one, without signing in to the account', async () => {
    const email = newEmail();
    const owner = await register(email);

    const copy = await gql(REGISTER, { input: { email: email.toUpperCase(), password: PASSWORD, displayName: 'Copy' } });
    const fresh = await gql(REGISTER, { input: { email: newEmail(), password: PASSWORD, displayName: 'Copy' } });

    expect(copy.errors).toBeUndefined();
    expect(Object.keys(copy.data!.register).sort()).toEqual(Object.keys(fresh.data!.register).sort());
    expect(copy.data!.register.user).toMatchObject({ email, role: 'USER' });
    expect(copy.data!.register.user.id).not.toBe(owner.user.id);
    expect((await gql(REFRESH, { t: copy.data!.register.refreshToken })).errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rotates refresh tokens, and a reused one ends the whole session', async () => {
    const session = await register();
    const next = (await gql(REFRESH, { t: session.refreshToken })).data!.refreshToken;

    expect((await gql(REFRESH, { t: session.refreshToken })).errors![0]!.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'SESSION_ENDED',
    });
    expect((await gql(REFRESH, { t: next.refreshToken })).errors![0]!.message).toBe('This session has ended. Sign in again.');
  });

  it('lets exactly one of two concurrent refreshes of one token win, and ends the session', async () => {
    const session = await register();
    const answers = await Promise.all([gql(REFRESH, { t: session.refreshToken }), gql(REFRESH, { t: session.refreshToken })]);
    const winners = answers.filter((a) => !a.errors);

    expect(winners).toHaveLength(1);
    expect((await gql(REFRESH, { t: winners[0]!.data!.refreshToken.refreshToken })).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('makes an organizer whose new access token carries the role, and logs out', async () => {
    const session = await register();
    const upgraded = (await gql(`mutation { becomeOrganizer { ${SESSION} } }`, {}, session.accessToken)).data!.becomeOrganizer;

    expect(decodeJwt(upgraded.accessToken)).toMatchObject({ sub: session.user.id, role: 'ORGANIZER' });
    expect((await gql(ME, {}, upgraded.accessToken)).data!.me.role).toBe('ORGANIZER');
    expect((await gql('mutation ($t: String!) { logout(refreshToken: $t) }', { t: upgraded.refreshToken })).data!.logout).toBe(true);
    expect((await gql(REFRESH, { t: upgraded.refreshToken })).errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  });
});

describe('internal user reads (for the tickets service)', () => {
  const post = (path: string, body: unknown, secret = ROUTER_SECRET) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'router-authorization': secret },
      body: JSON.stringify(body),
    });

  it('finds an account by email, whatever its case and spaces, with its id, display name and whether it is verified only', async () => {
    const session = await register();
    const response = await post('/internal/users/by-email', { email: `  ${session.user.email.toUpperCase()} ` });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ id: session.user.id, displayName: 'Ann', emailVerified: false });
  });

  it('answers 404 for an address nobody registered, and 400 for a body without one', async () => {
    expect((await post('/internal/users/by-email', { email: 'nobody.here@example.com' })).status).toBe(404);
    expect((await post('/internal/users/by-email', { email: 'not an address' })).status).toBe(404);
    expect((await post('/internal/users/by-email', { mail: 'x@example.com' })).status).toBe(400);
  });

  it('names the accounts asked for, leaving out unknown and malformed ids, and never their emails', async () => {
    const [ann, bob] = [await register(), await register()];
    const response = await post('/internal/users/names', { ids: [ann.user.id, bob.user.id, crypto.randomUUID(), 'x'] });
    const { users } = (await response.json()) as { users: Record<string, unknown>[] };
    expect(users.map((u) => u.id).sort()).toEqual([ann.user.id, bob.user.id].sort());
    expect(users.every((u) => Object.keys(u).sort().join() === 'displayName,emailVerified,id')).toBe(true);
    expect((await post('/internal/users/names', { ids: Array.from({ length: 1001 }, () => crypto.randomUUID()) })).status).toBe(400);
  });

  it('answers only the router secret', async () => {
    const session = await register();
    expect((await post('/internal/users/by-email', { email: session.user.email }, 'wrong')).status).toBe(401);
    expect((await post('/internal/users/names', { ids: [session.user.id] }, 'wrong')).status).toBe(401);
  });
});
