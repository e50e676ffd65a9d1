import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { createLogger } from '@sbor/core';
import { loadRouterConfig } from '../src/config.js';
import { startRouter, type RunningRouter } from '../src/router.js';
import { startTokenIssuer, type TokenIssuer } from '@sbor/testing';
import { unsignedToken } from './support/jwks.js';
import { startTestSubgraph, type TestSubgraph } from './support/users-subgraph.js';

const ROUTER_SECRET = 'router-secret-for-tests-0123456789';
const logger = createLogger('router-test', 'silent');
/** The development router logs here, so the access log can be asserted. */
const logLines: Record<string, unknown>[] = [];
const capturingLogger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });

let issuer: TokenIssuer;
let subgraph: TestSubgraph;
/** The supergraph routes to the other subgraphs too; a stub that answers /readyz keeps the router ready. */
let eventsStub: TestSubgraph;
let router: RunningRouter;
let production: RunningRouter;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function startTestRouter(env: Record<string, string>, routerLogger = logger) {
  const config = loadRouterConfig({
    ROUTER_SECRET,
    JWKS_URL: issuer.jwksUrl,
    USERS_URL: subgraph.url,
    EVENTS_URL: eventsStub.url,
    TICKETS_URL: eventsStub.url,
    NOTIFICATIONS_URL: eventsStub.url,
    ROUTER_PORT: '0',
    MAX_DEPTH: '2',
    MAX_ALIASES: '3',
    MAX_TOKENS: '300',
    SUBGRAPH_TIMEOUT_MS: '1000',
    ...env,
  });
  return startRouter({ ...config, logger: routerLogger });
}

/** A POST as a browser's GraphQL client sends it. */
async function post(query: string, headers: Record<string, string> = {}, target = router) {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { response, body: (await response.json()) as GraphQLBody };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const baseUrl = (target: RunningRouter) => target.url.replace(/\/graphql$/, '');

beforeAll(async () => {
  issuer = await startTokenIssuer();
  subgraph = await startTestSubgraph(ROUTER_SECRET);
  eventsStub = await startTestSubgraph(ROUTER_SECRET);
  router = await startTestRouter({ NODE_ENV: 'development' }, capturingLogger);
  production = await startTestRouter({ NODE_ENV: 'production' });
});

afterAll(async () => {
  await router?.stop();
  await production?.stop();
  await subgraph?.stop();
  await eventsStub?.stop();
  await issuer?.close();
});

beforeEach(() => {
  subgraph.calls.length = 0;
});

describe('router: who is asking', () => {
  it('serves anonymous queries, with the router secret, request id and client IP forwarded', async () => {
    const { response, body } = await post('{ me { id } }');
    expect(response.status).toBe(200);
    expect(body).toEqual({ data: { me: null } });
    expect(subgraph.calls).toHaveLength(1);
    const sent = subgraph.calls[0]!.headers;
    expect(sent['router-authorization']).toBe(ROUTER_SECRET);
    expect(sent.authorization).toBeUndefined();
    expect(sent['x-request-id']).toBe(response.headers.get('x-request-id'));
    expect(sent['x-sbor-client-ip']).toMatch(/127\.0\.0\.1/);
  });

  it('forwards a valid token verbatim, so the subgraph can verify it again', async () => {
    const { token, userId } = await issuer.sign({ role: 'ORGANIZER' });
    const { body } = await post('{ me { id role } }', bearer(token));
    expect(body).toEqual({ data: { me: { id: userId, role: 'ORGANIZER' } } });
    expect(subgraph.calls[0]!.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('writes one access-log line per request naming the verified viewer and the operation', async () => {
    const { token, userId } = await issuer.sign({ role: 'ORGANIZER' });
    await post('query Me { me { id } }', { ...bearer(token), 'x-request-id': 'log-check-1' });
    await vi.waitFor(() => expect(logLines.find((l) => l.requestId === 'log-check-1' && l.msg === 'request')).toBeDefined());
    expect(logLines.find((l) => l.requestId === 'log-check-1' && l.msg === 'request')).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
      userId,
      role: 'ORGANIZER',
      operationName: 'Me',
    });
    expect(JSON.stringify(logLines)).not.toContain(token);
  });

  it('adopts a sane caller request id, echoes it and forwards it; replaces an unsafe one', async () => {
    const { response } = await post('{ me { id } }', { 'x-request-id': 'web-7f3a.42' });
    expect(response.headers.get('x-request-id')).toBe('web-7f3a.42');
    expect(subgraph.calls[0]!.headers['x-request-id']).toBe('web-7f3a.42');

    const unsafe = await post('{ me { id } }', { 'x-request-id': 'x'.repeat(300) });
    expect(unsafe.response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never passes on a client-supplied client IP or router secret', async () => {
    await post('{ me { id } }', { 'x-sbor-client-ip': '6.6.6.6', 'router-authorization': 'guess' });
    expect(subgraph.calls[0]!.headers['x-sbor-client-ip']).not.toBe('6.6.6.6');
    expect(subgraph.calls[0]!.headers['router-authorization']).toBe(ROUTER_SECRET);
  });

  const badTokens: [string, () => Promise<Record<string, string>>, string | undefined][] = [
    ['an expired token', async () => bearer((await issuer.sign({ expiresIn: '-1m' })).token), 'TOKEN_EXPIRED'],
    [
      'a token signed with an unpublished key',
      async () => bearer((await issuer.sign({ keys: issuer.strangerKeys })).token),
      'TOKEN_INVALID',
    ],
    ['a token with an unknown key id', async () => bearer((await issuer.sign({ kid: 'k-unknown' })).token), 'TOKEN_INVALID'],
    ['an alg:none token', async () => bearer(unsignedToken(randomUUID())), 'TOKEN_INVALID'],
    ['a token for another audience', async () => bearer((await issuer.sign({ audience: 'someone-else' })).token), 'TOKEN_INVALID'],
    ['a garbage token', async () => bearer('not.a.jwt'), 'TOKEN_INVALID'],
    ['a header that is not "Bearer <token>"', async () => ({ authorization: 'Basic YW5uOnB3' }), 'MALFORMED_HEADER'],
  ];

  it.each(badTokens)('answers 401 UNAUTHENTICATED to %s before any subgraph is called', async (_name, headers, reason) => {
    const { response, body } = await post('{ me { id } }', await headers());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer error=/);
    expect(body.errors).toEqual([{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED', reason } }]);
    expect(body.data).toBeUndefined();
    expect(subgraph.calls).toHaveLength(0);
  });
});

describe('router: subgraph reads in flight', () => {
  it('sends identical concurrent reads of one viewer to the subgraph once, and answers each', async () => {
    const { token, userId } = await issuer.sign({ role: 'USER' });
    const answers = await Promise.all(Array.from({ length: 5 }, () => post('{ me { id role } }', bearer(token))));
    expect(answers.map((a) => a.body)).toEqual(Array(5).fill({ data: { me: { id: userId, role: 'USER' } } }));
    expect(subgraph.calls).toHaveLength(1);
  });

  it('never shares a read between different viewers', async () => {
    const [ann, bob] = [await issuer.sign({ role: 'USER' }), await issuer.sign({ role: 'ORGANIZER' })];
    const answers = await Promise.all([
      post('{ me { id } }', bearer(ann.token)),
      post('{ me { id } }', bearer(bob.token)),
      post('{ me { id } }'),
    ]);
    expect(answers.map((a) => a.body)).toEqual([
      { data: { me: { id: ann.userId } } },
      { data: { me: { id: bob.userId } } },
      { data: { me: null } },
    ]);
    expect(subgraph.calls).toHaveLength(3);
  });

  it('never shares a mutation', async () => {
    const { token } = await issuer.sign({ role: 'USER' });
    const answers = await Promise.all([
      post('mutation { logout(refreshToken: "r") }', bearer(token)),
      post('mutation { logout(refreshToken: "r") }', bearer(token)),
    ]);
    expect(answers.map((a) => a.response.status)).toEqual([200, 200]);
    expect(subgraph.calls).toHaveLength(2);
  });

  it('sends every read when ROUTER_DEDUPLICATE_READS=false', async () => {
    const plain = await startTestRouter({ NODE_ENV: 'production', ROUTER_DEDUPLICATE_READS: 'false' });
    try {
      await Promise.all(Array.from({ length: 3 }, () => post('{ me { id } }', {}, plain)));
      expect(subgraph.calls).toHaveLength(3);
    } finally {
      await plain.stop();
    }
  });
});

describe('router: hardening', () => {
  it('refuses an operation deeper than MAX_DEPTH with a validation error, without calling a subgraph', async () => {
    const { response, body } = await post('mutation { becomeOrganizer { user { id } } }');
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_DEPTH' });
    expect(subgraph.calls).toHaveLength(0);
  });

  it('refuses more aliases than MAX_ALIASES', async () => {
    const { response, body } = await post('{ a: me { id } b: me { id } c: me { id } d: me { id } }');
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', reason: 'MAX_ALIASES' });
    expect(subgraph.calls).toHaveLength(0);
  });

  it('refuses a document with more than MAX_TOKENS tokens as a parse failure, not a 500', async () => {
    const { response, body } = await post(`{ me { ${'id '.repeat(400)}} }`);
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/more that 300 tokens/);
    expect(subgraph.calls).toHaveLength(0);
  });

  it('refuses a batched array of operations', async () => {
    const response = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors?.[0]).toMatchObject({ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } });
    expect(subgraph.calls).toHaveLength(0);
  });

  it('refuses simple (CSRF-able) requests: a text/plain POST and a GET without a preflight header', async () => {
    const textPlain = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(textPlain.status).toBe(400);
    expect(((await textPlain.json()) as GraphQLBody).errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);

    const get = await fetch(`${router.url}?query=${encodeURIComponent('{ me { id } }')}`);
    expect(get.status).toBe(400);
    expect(((await get.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(subgraph.calls).toHaveLength(0);

    const preflighted = await fetch(`${router.url}?query=${encodeURIComponent('{ me { id } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(((await preflighted.json()) as GraphQLBody).data).toEqual({ me: null });
  });

  it('lets a client revalidate a GET read by its ETag (304), and never tags a POST', async () => {
    const url = `${router.url}?query=${encodeURIComponent('{ me { id } }')}`;
    const headers = { 'apollo-require-preflight': 'true' };
    const first = await fetch(url, { headers });
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    // Not fetch: a conditional fetch() adds `cache-control: no-cache`, which forbids a 304.
    const again = await new Promise<number>((resolve, reject) =>
      http
        .get(url, { headers: { ...headers, 'if-none-match': etag! } }, (res) => resolve(res.resume().statusCode ?? 0))
        .on('error', reject),
    );
    expect(again).toBe(304);
    expect((await post('{ me { id } }')).response.headers.get('etag')).toBeNull();
  });

  it('answers a body over BODY_LIMIT with 413 and a GraphQL-shaped error', async () => {
    const response = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }', variables: { padding: 'x'.repeat(200 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-request-id')).toBeTruthy();
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is larger than the 100kb limit.', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    expect(subgraph.calls).toHaveLength(0);
  });

  it('answers a body that is not JSON with 400 and a GraphQL-shaped error', async () => {
    const response = await fetch(router.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLBody).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });
});

describe('router: errors from subgraphs', () => {
  it('masks an unexpected subgraph error as INTERNAL_SERVER_ERROR, without message internals or stack', async () => {
    const { token } = await issuer.sign();
    const { body } = await post('mutation { updateProfile(input: { displayName: "Ann" }) { id } }', bearer(token));
    expect(subgraph.calls).toHaveLength(1);
    expect(body.errors).toEqual([
      {
        message: 'Something went wrong on our side. Please try again.',
        path: ['updateProfile'],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/hunter2|10\.1\.2\.3|stacktrace|at /);
  });

  it('passes an expected subgraph error through with its code and message', async () => {
    const { body } = await post('mutation { login(email: "a@b.io", password: "nope-nope-nope") { accessToken } }');
    expect(body.errors?.[0]).toMatchObject({
      message: 'Email or password is wrong.',
      extensions: { code: 'BAD_USER_INPUT', serviceName: 'users' },
    });
  });

  it('gives up on a subgraph that does not answer within SUBGRAPH_TIMEOUT_MS', async () => {
    const started = Date.now();
    const { body } = await post('mutation { logout(refreshToken: "r") }');
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});

describe('router: development and production modes', () => {
  it('keeps field suggestions and serves Apollo Sandbox in development', async () => {
    const { body } = await post('{ me { displayNam } }');
    expect(body.errors?.[0]?.message).toMatch(/Did you mean "displayName"\?/);
    const page = await fetch(router.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/sandbox/i);
  });

  it('refuses introspection in production', async () => {
    const { response, body } = await post('{ __schema { queryType { name } } }', {}, production);
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('hides field suggestions in production', async () => {
    const { body } = await post('{ me { displayNam } }', {}, production);
    expect(body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.[0]?.message).not.toMatch(/displayName/);
  });

  it('shows no landing page in production', async () => {
    const page = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).not.toMatch(/text\/html/);
    expect(await page.text()).not.toMatch(/sandbox|<html/i);
  });
});

describe('router: health', () => {
  it('answers /healthz with 200 while the process runs', async () => {
    const response = await fetch(`${baseUrl(router)}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'router' });
  });

  it('is ready only while every subgraph is ready, and names the one that is down', async () => {
    const up = await fetch(`${baseUrl(router)}/readyz`);
    expect(up.status).toBe(200);
    const others = { tickets: 'ready', events: 'ready', notifications: 'ready' };
    expect(await up.json()).toEqual({ status: 'ready', down: [], subgraphs: { users: 'ready', ...others } });

    const { port } = subgraph;
    await subgraph.stop();
    const down = await fetch(`${baseUrl(router)}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'not ready', down: ['users'], subgraphs: { users: 'unreachable', ...others } });
    const { body } = await post('{ me { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');

    subgraph = await startTestSubgraph(ROUTER_SECRET, port);
    expect((await fetch(`${baseUrl(router)}/readyz`)).status).toBe(200);
  });
});

describe('startRouter().stop', () => {
  it('drains, closes the port and can be called twice', async () => {
    const extra = await startTestRouter({ NODE_ENV: 'test' });
    expect((await post('{ me { id } }', {}, extra)).body).toEqual({ data: { me: null } });
    await Promise.all([extra.stop(), extra.stop()]);
    expect(extra.httpServer.listening).toBe(false);
    await expect(fetch(`${baseUrl(extra)}/healthz`)).rejects.toThrow();
  });
});
