import { describe, expect, it } from 'vitest';
import { ConfigError } from '@sbor/core';
import { loadRouterConfig } from './config.js';

const problemsOf = (env: Record<string, string>) => {
  try {
    loadRouterConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('loadRouterConfig', () => {
  it('starts with no variables at all, on the documented defaults', () => {
    const config = loadRouterConfig({});
    expect(config).toMatchObject({
      port: 8000,
      host: '127.0.0.1',
      nodeEnv: 'development',
      jwksUrl: 'http://127.0.0.1:8081/.well-known/jwks.json',
      issuer: 'sbor-users',
      audience: 'sbor-api',
      subgraphUrls: {},
      limits: { maxDepth: 12, maxAliases: 15, maxCost: 5000, maxTokens: 2000 },
      bodyLimit: '100kb',
      routerSecret: undefined,
    });
  });

  it('bounds the document and plan caches, and keeps persisted queries in memory unless REDIS_URL is set', () => {
    expect(loadRouterConfig({})).toMatchObject({
      operationCaches: { documentMiB: 30, queryPlanMiB: 30 },
      persistedQueries: { redis: undefined, ttlSeconds: 86_400 },
      safelistPath: undefined,
    });
    expect(loadRouterConfig({ REDIS_URL: 'redis://redis:6379', CACHE_PREFIX: 'prod:' }).persistedQueries.redis).toEqual({
      url: 'redis://redis:6379',
      prefix: 'prod:',
    });
    expect(problemsOf({ ROUTER_QUERY_PLAN_CACHE_MB: '0', ROUTER_DOCUMENT_CACHE_MB: 'lots' })).toEqual([
      expect.stringMatching(/ROUTER_DOCUMENT_CACHE_MB: must be a whole number/),
      expect.stringMatching(/ROUTER_QUERY_PLAN_CACHE_MB: must be at least 1/),
    ]);
  });

  it('takes ROUTER_PORT over PORT, and PORT when ROUTER_PORT is unset', () => {
    expect(loadRouterConfig({ ROUTER_PORT: '9000', PORT: '9001' }).port).toBe(9000);
    expect(loadRouterConfig({ PORT: '9001' }).port).toBe(9001);
  });

  it('collects <NAME>_URL overrides by subgraph name', () => {
    const config = loadRouterConfig({ USERS_URL: 'http://users:8081/graphql', EVENTS_URL: '' });
    expect(config.subgraphUrls).toEqual({ users: 'http://users:8081/graphql' });
  });

  it('refuses a MAX_DEPTH that is not a positive whole number, naming the variable', () => {
    expect(problemsOf({ MAX_DEPTH: 'deep' }).join('\n')).toMatch(/^MAX_DEPTH: /m);
    expect(problemsOf({ MAX_DEPTH: '0' })).toEqual(['MAX_DEPTH: must be at least 1']);
    expect(problemsOf({ MAX_DEPTH: '2.5' })).toEqual(['MAX_DEPTH: must be a whole number']);
  });

  it('refuses to start in production without ROUTER_SECRET', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['ROUTER_SECRET: is required when NODE_ENV=production']);
  });

  it('refuses to start in production on a placeholder, short or weak ROUTER_SECRET, saying how to make one', () => {
    const production = (ROUTER_SECRET: string) => problemsOf({ NODE_ENV: 'production', ROUTER_SECRET });
    expect(production('change-me-placeholder-router-secret')).toEqual([
      'ROUTER_SECRET: is a placeholder, which anyone can read; production needs its own secret: make one with `openssl rand -base64 48`',
    ]);
    expect(production('changeme-changeme-changeme-changeme')).toEqual([expect.stringMatching(/^ROUTER_SECRET: is a placeholder/)]);
    expect(production('a-random-but-short-secret')).toEqual([expect.stringMatching(/^ROUTER_SECRET: is too short .*openssl rand/)]);
    expect(production('0101010101010101010101010101010101')).toEqual([expect.stringMatching(/^ROUTER_SECRET: is too weak/)]);
  });

  it('starts in production on a secret made with openssl rand, and in development on a short one', () => {
    const strong = 'qR4v9XbT2mLw8ZpYk3NfHs6GdJ0cAeU1oVi7tB5xWnE=';
    expect(loadRouterConfig({ NODE_ENV: 'production', ROUTER_SECRET: strong }).routerSecret).toBe(strong);
    expect(loadRouterConfig({ ROUTER_SECRET: 'change-me-placeholder-router-secret' }).routerSecret).toBeDefined();
  });

  it('serves Apollo Sandbox by the mode unless APOLLO_SANDBOX says otherwise', () => {
    expect(loadRouterConfig({}).sandbox).toBeUndefined();
    expect(loadRouterConfig({ APOLLO_SANDBOX: 'true' }).sandbox).toBe(true);
    expect(loadRouterConfig({ APOLLO_SANDBOX: 'false' }).sandbox).toBe(false);
    expect(problemsOf({ APOLLO_SANDBOX: 'yes please' })).toEqual(['APOLLO_SANDBOX: must be true or false']);
  });

  it('refuses a short ROUTER_SECRET', () => {
    expect(problemsOf({ ROUTER_SECRET: 'short' })).toEqual(['ROUTER_SECRET: must be at least 16 characters']);
  });

  it('reports every invalid variable at once', () => {
    const problems = problemsOf({ NODE_ENV: 'production', MAX_ALIASES: '-1', BODY_LIMIT: 'huge', USERS_URL: 'not a url' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['BODY_LIMIT', 'MAX_ALIASES', 'ROUTER_SECRET', 'USERS_URL']);
  });

  it('reads TRUST_PROXY as a hop count, a boolean or a proxy list', () => {
    expect(loadRouterConfig({}).trustProxy).toBe(false);
    expect(loadRouterConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadRouterConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadRouterConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });
});

describe('loadRouterConfig: CORS_ORIGINS', () => {
  it('allows no other origin by default', () => {
    expect(loadRouterConfig({}).corsOrigins).toEqual([]);
  });

  it('reads a comma-separated list of origins, or * for any', () => {
    expect(loadRouterConfig({ CORS_ORIGINS: 'http://localhost:5173, https://shop.example.com' }).corsOrigins).toEqual([
      'http://localhost:5173',
      'https://shop.example.com',
    ]);
    expect(loadRouterConfig({ CORS_ORIGINS: '*' }).corsOrigins).toBe('*');
  });

  it('refuses what is not an origin: no scheme, or a path', () => {
    expect(problemsOf({ CORS_ORIGINS: 'localhost:5173,https://shop.example.com/app' })).toEqual([
      expect.stringContaining('"localhost:5173" is not an origin'),
      expect.stringContaining('"https://shop.example.com/app" is not an origin'),
    ]);
  });
});

describe('loadRouterConfig: live subscriptions', () => {
  it('holds graphql-ws frames to the HTTP body limit and reads the socket caps', () => {
    const config = loadRouterConfig({ BODY_LIMIT: '64kb', WS_MAX_SOCKETS_PER_USER: '3', WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '2' });
    expect(config.webSocket).toMatchObject({ maxPayloadBytes: 65_536, maxSocketsPerUser: 3, maxSubscriptionsPerSocket: 2 });
  });

  it('batches entity fetches of the events subgraph as the router by default, and of the ones named otherwise', () => {
    expect(loadRouterConfig({}).sharedEntitySubgraphs).toEqual(['events']);
    expect(loadRouterConfig({ ROUTER_SHARED_ENTITY_SUBGRAPHS: 'events, users' }).sharedEntitySubgraphs).toEqual(['events', 'users']);
    expect(loadRouterConfig({ ROUTER_SHARED_ENTITY_SUBGRAPHS: 'none' }).sharedEntitySubgraphs).toEqual([]);
  });

  it('refuses a subgraph that does not exist, and a cap below 1', () => {
    expect(problemsOf({ ROUTER_SHARED_ENTITY_SUBGRAPHS: 'evnts' })).toEqual([
      expect.stringMatching(/^ROUTER_SHARED_ENTITY_SUBGRAPHS: "evnts"/),
    ]);
    expect(problemsOf({ WS_MAX_SOCKETS_PER_IP: '0' })).toEqual(['WS_MAX_SOCKETS_PER_IP: must be at least 1']);
  });
});
