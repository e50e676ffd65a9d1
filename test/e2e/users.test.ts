import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MODES, startTestPlatform, type TestPlatform } from '@sbor/platform';

const SESSION = 'accessToken refreshToken expiresIn user { id email displayName role createdAt }';
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`;
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ${SESSION} } }`;
const REFRESH = `mutation ($t: String!) { refreshToken(refreshToken: $t) { ${SESSION} } }`;
const LOGOUT = `mutation ($t: String!) { logout(refreshToken: $t) }`;
const ME = '{ me { id email displayName role } }';

interface SessionData {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string | null; displayName: string; role: string; createdAt: string };
}

const email = () => `ann.${randomUUID().slice(0, 8)}@example.com`;
const PASSWORD = 'correct horse battery';

describe.each(MODES)('users through the router (%s mode)', (mode) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform(mode);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function register(address = email(), displayName = 'Ann') {
    const res = await platform.gql<{ register: SessionData }>(REGISTER, { input: { email: address, password: PASSWORD, displayName } });
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data!.register;
  }

  describe('Mutation.register → login → me → updateProfile → refreshToken → logout', () => {
    it('walks a whole session as a browser would', async () => {
      const address = email();
      const registered = await register(address.toUpperCase(), '  Ann Lee ');
      expect(registered.user).toMatchObject({ email: address, displayName: 'Ann Lee', role: 'USER' });
      expect(registered.expiresIn).toBe(900);

      const login = await platform.gql<{ login: SessionData }>(LOGIN, { email: address, password: PASSWORD });
      expect(login.errors).toBeUndefined();
      const session = login.data!.login;
      expect(session.user.id).toBe(registered.user.id);

      const me = await platform.gql<{ me: SessionData['user'] }>(ME, {}, { token: session.accessToken });
      expect(me.data?.me).toMatchObject({ id: registered.user.id, email: address, displayName: 'Ann Lee' });

      const updated = await platform.gql<{ updateProfile: { displayName: string } }>(
        'mutation { updateProfile(input: { displayName: "Ann L." }) { displayName } }',
        {},
        { token: session.accessToken },
      );
      expect(updated.data?.updateProfile.displayName).toBe('Ann L.');

      const refreshed = await platform.gql<{ refreshToken: SessionData }>(REFRESH, { t: session.refreshToken });
      expect(refreshed.errors).toBeUndefined();
      const next = refreshed.data!.refreshToken;
      expect(next.refreshToken).not.toBe(session.refreshToken);
      expect(next.user.displayName).toBe('Ann L.');

      // The old refresh token is used up: presenting it again is reuse and ends the whole family.
      const reused = await platform.gql(REFRESH, { t: session.refreshToken });
      expect(reused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'SESSION_ENDED' });
      const afterReuse = await platform.gql(REFRESH, { t: next.refreshToken });
      expect(afterReuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      // A fresh login is a new family, and logout ends it.
      const again = (await platform.gql<{ login: SessionData }>(LOGIN, { email: address, password: PASSWORD })).data!.login;
      expect((await platform.gql<{ logout: boolean }>(LOGOUT, { t: again.refreshToken })).data?.logout).toBe(true);
      const afterLogout = await platform.gql(REFRESH, { t: again.refreshToken });
      expect(afterLogout.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('answers me with null when no token is sent', async () => {
      const res = await platform.gql<{ me: null }>(ME);
      expect(res.status).toBe(200);
      expect(res.data?.me).toBeNull();
    });

    it('lets exactly one of two concurrent refreshes of one token win, and ends the session', async () => {
      const session = await register();
      const [a, b] = await Promise.all([
        platform.gql<{ refreshToken: SessionData }>(REFRESH, { t: session.refreshToken }),
        platform.gql<{ refreshToken: SessionData }>(REFRESH, { t: session.refreshToken }),
      ]);
      const winners = [a, b].filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      const loser = [a, b].find((r) => r.errors)!;
      expect(loser.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      // Deliberate: the race counts as reuse, so the winner's new token is dead too.
      const followUp = await platform.gql(REFRESH, { t: winners[0]!.data!.refreshToken.refreshToken });
      expect(followUp.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('Mutation.becomeOrganizer', () => {
    it('returns a session whose access token carries the ORGANIZER role', async () => {
      const session = await register();
      expect(decodeJwt(session.accessToken).role).toBe('USER');
      const res = await platform.gql<{ becomeOrganizer: SessionData }>(
        `mutation { becomeOrganizer { ${SESSION} } }`,
        {},
        { token: session.accessToken },
      );
      expect(res.errors).toBeUndefined();
      const upgraded = res.data!.becomeOrganizer;
      expect(upgraded.user.role).toBe('ORGANIZER');
      expect(decodeJwt(upgraded.accessToken)).toMatchObject({ role: 'ORGANIZER', sub: session.user.id });
      const me = await platform.gql<{ me: { role: string } }>(ME, {}, { token: upgraded.accessToken });
      expect(me.data?.me.role).toBe('ORGANIZER');
    });

    it('requires a signed-in user', async () => {
      const res = await platform.gql(`mutation { becomeOrganizer { accessToken } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('bad input', () => {
    it('never makes a second account for the same email, whatever its case, nor says that one exists', async () => {
      const address = email();
      const first = await register(address);
      const res = await platform.gql<{ register: SessionData }>(REGISTER, {
        input: { email: address.toUpperCase(), password: PASSWORD, displayName: 'Copy' },
      });
      // The same shape as a fresh registration: no EMAIL_TAKEN to enumerate accounts with.
      expect(res.errors).toBeUndefined();
      expect(res.data?.register).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
      // But it opens nothing: its session cannot be refreshed, and the account is still the first one's.
      expect((await platform.gql(REFRESH, { t: res.data!.register.refreshToken })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const login = await platform.gql<{ login: SessionData }>(LOGIN, { email: address, password: PASSWORD });
      expect(login.data?.login.user).toMatchObject({ id: first.user.id, displayName: first.user.displayName });
    });

    it.each([
      [{ email: 'not-an-email', password: PASSWORD, displayName: 'A' }, 'email'],
      [{ email: 'x@example.com', password: 'short', displayName: 'A' }, 'password'],
      [{ email: 'x@example.com', password: 'x'.repeat(129), displayName: 'A' }, 'password'],
      [{ email: 'x@example.com', password: PASSWORD, displayName: '   ' }, 'displayName'],
      [{ email: 'x@example.com', password: PASSWORD, displayName: 'x'.repeat(61) }, 'displayName'],
      [{ email: 'x@example.com', password: PASSWORD, displayName: 'bad\u0000name' }, 'displayName'],
    ])('answers BAD_USER_INPUT naming the field for %j', async (input, field) => {
      const res = await platform.gql(REGISTER, { input });
      expect(res.status).toBe(200);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message).not.toMatch(/\n\s+at |\.ts:\d/);
    });

    it('answers unknown email and wrong password with the same words', async () => {
      const address = email();
      await register(address);
      const wrong = await platform.gql(LOGIN, { email: address, password: 'not the password' });
      const unknown = await platform.gql(LOGIN, { email: email(), password: PASSWORD });
      expect(wrong.errors?.[0]).toEqual(unknown.errors?.[0]);
      expect(wrong.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('rate-limits login attempts for one email', async () => {
      const address = email();
      const attempts = [];
      for (let i = 0; i < 11; i++) attempts.push(await platform.gql(LOGIN, { email: address, password: 'wrong password!' }));
      expect(attempts.slice(0, 10).every((r) => r.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED')).toBe(true);
      expect(attempts[10]!.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    });

    it('rejects a garbage refresh token without a stack trace', async () => {
      const res = await platform.gql(REFRESH, { t: 'sbr_rt_nonsense' });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID' });
      expect(JSON.stringify(res.errors)).not.toMatch(/stacktrace|\.ts:\d/);
    });
  });

  describe('the users subgraph answers only the router', () => {
    it('refuses a request without the router secret', async () => {
      const res = await fetch(platform.subgraphUrls.users, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ME }),
      });
      expect(res.status).toBe(401);
      expect(JSON.stringify(await res.json())).not.toContain('"data"');
    });

    it('refuses a forged identity even with the router secret', async () => {
      const session = await register();
      const [header, payload] = session.accessToken.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, role: 'ORGANIZER' })).toString('base64url')}.${session.accessToken.split('.')[2]}`;
      const res = await fetch(platform.subgraphUrls.users, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'router-authorization': platform.routerSecret,
          authorization: `Bearer ${forged}`,
        },
        body: JSON.stringify({ query: ME }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { data?: unknown; errors: { extensions: { code: string } }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    });

    it('shows email only to its owner, also through _entities', async () => {
      const session = await register();
      const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email displayName } } }`;
      const ask = (token?: string) =>
        fetch(platform.subgraphUrls.users, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'router-authorization': platform.routerSecret,
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ query, variables: { r: [{ __typename: 'User', id: session.user.id }] } }),
        }).then((r) => r.json() as Promise<{ data: { _entities: { email: string | null }[] } }>);
      expect((await ask()).data._entities[0]!.email).toBeNull();
      expect((await ask(session.accessToken)).data._entities[0]!.email).toBe(session.user.email);
      const stranger = await register();
      expect((await ask(stranger.accessToken)).data._entities[0]!.email).toBeNull();
    });
  });
});
