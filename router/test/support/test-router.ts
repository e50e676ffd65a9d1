import { createLogger } from '@sbor/core';
import { startTokenIssuer, type TokenIssuer } from '@sbor/testing';
import { loadRouterConfig } from '../../src/config.js';
import { startRouter, type RunningRouter } from '../../src/router.js';
import { startTestSubgraph, type TestSubgraph } from './users-subgraph.js';

const ROUTER_SECRET = 'router-secret-for-tests-0123456789';

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A users subgraph (every subgraph routes to it) and a token issuer, for routers started with any variables. */
export interface RouterBench {
  subgraph: TestSubgraph;
  start: (env?: Record<string, string>) => Promise<RunningRouter>;
  stop: () => Promise<void>;
}

export async function startRouterBench(): Promise<RouterBench> {
  const issuer: TokenIssuer = await startTokenIssuer();
  const subgraph = await startTestSubgraph(ROUTER_SECRET);
  const routers: RunningRouter[] = [];
  return {
    subgraph,
    start: async (env = {}) => {
      const config = loadRouterConfig({
        ROUTER_SECRET,
        JWKS_URL: issuer.jwksUrl,
        USERS_URL: subgraph.url,
        EVENTS_URL: subgraph.url,
        TICKETS_URL: subgraph.url,
        NOTIFICATIONS_URL: subgraph.url,
        ROUTER_PORT: '0',
        ...env,
      });
      const router = await startRouter({ ...config, logger: createLogger('router-test', 'silent'), webAppDir: false });
      routers.push(router);
      return router;
    },
    stop: async () => {
      await Promise.all(routers.map((router) => router.stop()));
      await subgraph.stop();
      await issuer.close();
    },
  };
}

/** A POST with any body, as a GraphQL client sends it. */
export async function postGraphQL(router: RunningRouter, body: Record<string, unknown>) {
  const response = await fetch(router.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

/** A GET with the body's fields as query parameters (objects as JSON), as Apollo Client sends persisted queries. */
export async function getGraphQL(router: RunningRouter, body: Record<string, unknown>) {
  const url = new URL(router.url);
  for (const [key, value] of Object.entries(body)) url.searchParams.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  // Apollo Server's CSRF prevention refuses a GET without a header a browser form could not send.
  const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

/** The `extensions` of an automatic persisted query. */
export const persisted = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
