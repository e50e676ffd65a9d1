import { createHmac, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWK } from 'jose';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphqlClient, startTestPlatform, type GraphQLCall, type TestPlatform } from '@sbor/platform';
import { actorsOn, inHours, PASSWORD, type Actor } from '../e2e/support/actors.js';
import { assertWellFormed } from './support/hostile.js';

/**
 * Token attacks, at the router and straight at every subgraph. Forgeries that need a valid
 * signature (wrong aud/iss, expired, a role the users service never issued) are signed with the
 * platform's real key, read from the users database: only the claims are wrong.
 */

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const unsigned = (header: object, payload: object) => `${b64(header)}.${b64(payload)}.`;

/** Something only a signed-in ORGANIZER gets: createEvent. And something any signed-in caller gets: me. */
const ME = '{ me { id role } }';
const CREATE_EVENT = 'mutation ($i: CreateEventInput!) { createEvent(input: $i) { id } }';
const createEventVars = () => ({ i: { title: 'Forged', venue: 'Nowhere', startsAt: inHours(30), endsAt: inHours(31) } });

describe('token attacks (full mode)', () => {
  let platform: TestPlatform;
  let api: ReturnType<typeof actorsOn>;
  let user: Actor;
  let claims: Record<string, unknown>;
  let kid: string;
  let sign: (payload: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>;
  let publicX: string;

  beforeAll(async () => {
    platform = await startTestPlatform('full');
    api = actorsOn(platform);
    user = await api.signUp('Token Target');
    claims = decodeJwt(user.token) as Record<string, unknown>;
    kid = decodeProtectedHeader(user.token).kid!;
    const sql = postgres(platform.databaseUrls.users!, { max: 1, onnotice: () => {} });
    const [key] = await sql<{ private_jwk: JWK }[]>`select private_jwk from users.signing_keys where kid = ${kid}`;
    await sql.end();
    const privateKey = await importJWK(key!.private_jwk, 'EdDSA');
    sign = (payload, header = {}) => new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid, ...header }).sign(privateKey);
    const response = await fetch(new URL('/.well-known/jwks.json', platform.subgraphUrls.users));
    const jwks = (await response.json()) as { keys: JWK[] };
    publicX = jwks.keys.find((k) => k.kid === kid)!.x!;
    // The real token itself works, so every refusal below is about what was changed.
    expect((await api.ok<{ id: string }>(ME, {}, user.token)).id).toBe(user.id);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const forgeries: [string, () => Promise<string>][] = [
    ['alg none', async () => unsigned({ alg: 'none', typ: 'JWT', kid }, { ...claims, role: 'ORGANIZER' })],
    ['alg none, no signature segment', async () => unsigned({ alg: 'none' }, claims).slice(0, -1)],
    [
      'HS256 signed with the public key (JWKS x) as secret',
      async () => {
        const head = b64({ alg: 'HS256', typ: 'JWT', kid });
        const body = b64({ ...claims, role: 'ORGANIZER' });
        const mac = createHmac('sha256', publicX).update(`${head}.${body}`).digest('base64url');
        return `${head}.${body}.${mac}`;
      },
    ],
    [
      'HS256 signed with the decoded public key bytes',
      async () => {
        const head = b64({ alg: 'HS256', typ: 'JWT', kid });
        const body = b64(claims);
        const mac = createHmac('sha256', Buffer.from(publicX, 'base64url')).update(`${head}.${body}`).digest('base64url');
        return `${head}.${body}.${mac}`;
      },
    ],
    ['wrong aud', () => sign({ ...claims, aud: 'someone-else' })],
    ['wrong iss', () => sign({ ...claims, iss: 'https://evil.example' })],
    ['expired', () => sign({ ...claims, iat: now() - 3600, exp: now() - 600 })],
    ['not yet valid (nbf in the future)', () => sign({ ...claims, nbf: now() + 3600 })],
    ['no exp', () => sign(Object.fromEntries(Object.entries(claims).filter(([k]) => k !== 'exp')))],
    ['unknown kid', () => sign(claims, { kid: 'made-up-kid' })],
    [
      'tampered payload (role USER → ORGANIZER, signature kept)',
      async () => {
        const [head, , signature] = user.token.split('.');
        return `${head}.${b64({ ...claims, role: 'ORGANIZER' })}.${signature}`;
      },
    ],
    ['role the users service never issues', () => sign({ ...claims, role: 'ADMIN' })],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(forgeries)('router refuses %s with 401 UNAUTHENTICATED before planning', async (_name, forge) => {
    const token = await forge();
    for (const [query, variables] of [
      [ME, {}],
      [CREATE_EVENT, createEventVars()],
    ] as const) {
      const res = await platform.gql(query, variables, { token });
      assertWellFormed(res, _name);
      expect(res.status).toBe(401);
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      expect(res.data).toBeUndefined();
    }
  });

  describe.each(['users', 'events', 'tickets', 'notifications'] as const)('the %s subgraph, called directly', (service) => {
    let direct: GraphQLCall;
    beforeAll(() => {
      direct = graphqlClient(platform.subgraphUrls[service]);
    });
    const withSecret = () => ({ 'router-authorization': platform.routerSecret });

    it('refuses a request without the router secret, even with a valid token', async () => {
      for (const headers of [
        {} as Record<string, string>,
        { 'router-authorization': 'wrong' },
        { 'router-authorization': `${platform.routerSecret}x` },
      ]) {
        const res = await direct('{ __typename }', {}, { token: user.token, headers });
        assertWellFormed(res, service);
        expect(res.status).toBe(401);
        expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      }
    });

    it.each(forgeries)('refuses %s even with the router secret', async (_name, forge) => {
      const res = await direct('{ __typename }', {}, { token: await forge(), headers: withSecret() });
      assertWellFormed(res, `${service}: ${_name}`);
      expect(res.status).toBe(401);
      expect(res.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });
  });

  it('subgraph entity lookups apply ownership: someone else’s tickets and email stay hidden', async () => {
    const organizer = await api.signUp('Entity Organizer', true);
    const event = await api.publishedEvent(organizer, 'Entities');
    const type = await api.ok<{ id: string }>(
      'mutation ($e: ID!, $i: CreateTicketTypeInput!) { createTicketType(eventId: $e, input: $i) { id } }',
      { e: event.id, i: { name: 'GA', priceCents: 0, currency: 'EUR', quantity: 10, salesStart: inHours(-1), salesEnd: inHours(40) } },
      organizer.token,
    );
    const [ticket] = await api.ok<{ id: string }[]>(
      'mutation ($i: PurchaseInput!) { purchaseTickets(input: $i) { id } }',
      { i: { eventId: event.id, ticketTypeId: type.id, quantity: 1, idempotencyKey: randomUUID() } },
      user.token,
    );
    const stranger = await api.signUp('Stranger');
    const headers = { 'router-authorization': platform.routerSecret };
    const tickets = graphqlClient(platform.subgraphUrls.tickets);
    const users = graphqlClient(platform.subgraphUrls.users);
    const entities = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { tickets { id } } ... on Ticket { id code } } }';
    const reps = {
      r: [
        { __typename: 'User', id: user.id },
        { __typename: 'Ticket', id: ticket!.id },
      ],
    };

    for (const token of [undefined, stranger.token]) {
      const res = await tickets(entities, reps, { token, headers });
      assertWellFormed(res, 'tickets _entities');
      const [holder, asTicket] =
        (res.data as { _entities: [{ tickets: unknown[] } | null, { code: string } | null] } | undefined)?._entities ?? [];
      expect(holder?.tickets ?? []).toEqual([]);
      expect(asTicket?.code).toBeUndefined();
    }
    const own = await tickets(entities, reps, { token: user.token, headers });
    expect((own.data as { _entities: [{ tickets: unknown[] }] })._entities[0].tickets).toHaveLength(1);

    const email = await users(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { email } } }',
      { r: [{ __typename: 'User', id: user.id }] },
      { token: stranger.token, headers },
    );
    assertWellFormed(email, 'users _entities');
    expect((email.data as { _entities: [{ email: string | null }] })._entities[0].email).toBeNull();
  });

  it('a refresh token reused after rotation kills its whole family', async () => {
    const email = `rotate.${randomUUID().slice(0, 8)}@example.com`;
    const first = await api.ok<{ refreshToken: string }>('mutation ($i: RegisterInput!) { register(input: $i) { refreshToken } }', {
      i: { email, password: PASSWORD, displayName: 'Rotator' },
    });
    const REFRESH = 'mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }';
    const second = await api.ok<{ refreshToken: string }>(REFRESH, { t: first.refreshToken });
    // The thief replays the already-rotated token: refused...
    expect(await api.errorOf(REFRESH, { t: first.refreshToken })).toMatchObject({ code: 'UNAUTHENTICATED' });
    // ...and the legitimate holder's current token died with the family.
    expect(await api.errorOf(REFRESH, { t: second.refreshToken })).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Signing in again starts a fresh family that works.
    const again = await api.ok<{ refreshToken: string }>(
      'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { refreshToken } }',
      { e: email, p: PASSWORD },
    );
    expect((await api.ok<{ refreshToken: string }>(REFRESH, { t: again.refreshToken })).refreshToken).toBeTruthy();
  });

  it('a token that is valid but names a user that does not exist gets nothing private', async () => {
    const ghost = await sign({ ...claims, sub: randomUUID(), jti: randomUUID() });
    const res = await platform.gql<{ me: unknown }>(ME, {}, { token: ghost });
    assertWellFormed(res, 'ghost');
    expect(res.data?.me ?? null).toBeNull();
  });
});
