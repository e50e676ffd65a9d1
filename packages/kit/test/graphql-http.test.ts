import http from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, createLogger, createServiceMetrics, ErrorCode, type BaseContext, type Viewer } from '@sbor/core';
import { startSubgraphServer, type RunningServer } from '../src/server.js';

/**
 * A subgraph's /graphql as the router calls it: refusals come as GraphQL-shaped JSON with a code,
 * and a refused request leaves the kept-alive connection usable for the next one.
 */
const SECRET = 'kit-graphql-http-secret-0123456789';
const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { whoami: String, echo(text: String!): String! }
    `),
    resolvers: {
      Query: {
        whoami: (_: unknown, __: unknown, ctx: BaseContext) => ctx.viewer?.userId ?? null,
        echo: (_: unknown, args: { text: string }) => args.text,
      },
    } as never,
  },
]);

let server: RunningServer;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

beforeAll(async () => {
  server = await startSubgraphServer(
    {
      name: 'kit-http-test',
      schema,
      logger: createLogger('kit-http-test', 'silent'),
      routerSecret: SECRET,
      authenticate: async (token): Promise<Viewer> => {
        if (token === 'bad') throw new AppError(ErrorCode.UNAUTHENTICATED, 'The access token has expired.');
        return { userId: token, role: 'USER', tokenId: token };
      },
      context: (base) => base,
      introspection: false,
      metrics: createServiceMetrics('kit-http-test'),
    },
    0,
  );
});

afterAll(async () => {
  agent.destroy();
  await server?.stop();
  await new Promise((resolve) => server?.httpServer.close(resolve));
});

interface Answer {
  status: number;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };
  socket: unknown;
}

function call(options: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${server.url.replace('/graphql', '')}${options.path ?? '/graphql'}`,
      {
        method: options.method ?? 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'router-authorization': SECRET, ...options.headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Answer['body'], socket: request.socket }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const query = (q: string, variables?: Record<string, unknown>) => JSON.stringify({ query: q, variables });

describe('POST /graphql on a subgraph', () => {
  it('answers the router with the viewer its token names', async () => {
    const answer = await call({ body: query('{ whoami }'), headers: { authorization: 'Bearer user-1' } });
    expect(answer).toMatchObject({ status: 200, body: { data: { whoami: 'user-1' } } });
  });

  it('refuses a caller without the router secret with UNAUTHENTICATED and runs nothing', async () => {
    const answer = await call({ body: query('{ whoami }'), headers: { 'router-authorization': 'guess' } });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      errors: [{ message: 'This service only answers the Sbor router.', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('refuses a token the service rejects with its message', async () => {
    const answer = await call({ body: query('{ whoami }'), headers: { authorization: 'Bearer bad' } });
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]).toEqual({ message: 'The access token has expired.', extensions: { code: 'UNAUTHENTICATED' } });
    const malformed = await call({ body: query('{ whoami }'), headers: { authorization: 'Basic abc' } });
    expect(malformed.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers a body over the limit with 413 BAD_REQUEST and keeps the connection', async () => {
    const first = await call({ body: query('{ whoami }') });
    const big = await call({ body: query('query($t: String!) { echo(text: $t) }', { t: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    expect(big.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    const after = await call({ body: query('{ echo(text: "still here") }') });
    expect(after.body.data).toEqual({ echo: 'still here' });
    expect(after.socket).toBe(first.socket);
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST', async () => {
    const answer = await call({ body: '{"query": ' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toEqual({ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
  });

  it('runs a GET query from the query string', async () => {
    const answer = await call({
      method: 'GET',
      path: `/graphql?query=${encodeURIComponent('{ echo(text: "got") }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(answer).toMatchObject({ status: 200, body: { data: { echo: 'got' } } });
  });

  it('leaves the other routes to express', async () => {
    const health = await new Promise<number>((resolve) =>
      http.get(`${server.url.replace('/graphql', '')}/healthz`, (res) => resolve(res.resume().statusCode ?? 0)),
    );
    expect(health).toBe(200);
  });
});
