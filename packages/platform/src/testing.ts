import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createScratchDatabase, type ScratchDatabase } from '@sbor/db';
import { loadPlatformConfig, SERVICES } from './config.js';
import { startPlatform, type Platform } from './platform.js';

export type Mode = 'embedded' | 'full';
export const MODES: readonly Mode[] = ['embedded', 'full'];

export interface TestPlatform extends Platform {
  /** Sends one GraphQL request through the router, as a browser would. */
  gql: GraphQLCall;
  /** Full mode: each service's scratch PostgreSQL database URL (empty in embedded mode), for tests that inspect rows. */
  databaseUrls: Partial<Record<(typeof SERVICES)[number], string>>;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export type GraphQLCall = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
  options?: { token?: string; headers?: Record<string, string> },
) => Promise<GraphQLResponse<T>>;

export function graphqlClient(url: string): GraphQLCall {
  return async (query, variables, options = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: unknown; errors?: GraphQLResponse['errors'] };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new Error(`Non-JSON answer (${response.status}) from ${url}: ${text.slice(0, 200)}`);
    }
    return { status: response.status, ...(body as object) } as never;
  };
}

/**
 * The whole platform in this process on random ports, for e2e tests. Embedded: in-memory PGlite.
 * Full: a fresh database per service on the local PostgreSQL, plus the local Kafka and Redis
 * (`npm test` makes sure they answer).
 */
/** A port nothing listens on now, on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startTestPlatform(mode: Mode, overrides: Record<string, string> = {}): Promise<TestPlatform> {
  const scratch: ScratchDatabase[] = [];
  const databaseUrls: TestPlatform['databaseUrls'] = {};
  // The router's port is chosen up front, so the tickets service can link to it (the sandbox checkout).
  const routerPort = await freePort();
  const env: Record<string, string> = {
    ROUTER_PORT: String(routerPort),
    USERS_PORT: '0',
    EVENTS_PORT: '0',
    TICKETS_PORT: '0',
    NOTIFICATIONS_PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    DATA_DIR: ':memory:',
    // Each test platform is its own deployment: its own Redis keys, and limits that e2e suites
    // registering many accounts from 127.0.0.1, or ordering many times as one buyer, do not trip
    // (rate-limit tests set their own).
    CACHE_PREFIX: `sbor-test-${randomUUID()}:`,
    REGISTER_LIMIT_PER_IP: '1000',
    LOGIN_LIMIT_PER_IP: '1000',
    MAX_ORDERS_PER_USER_PER_MINUTE: '1000',
    // Kafka topics are shared by every run on this broker: each test platform is its own set of
    // consumer groups, starting at the end, so earlier runs' facts never reach it.
    TICKETS_GROUP_ID: `tickets-test-${randomUUID()}`,
    TICKETS_START_AT: 'latest',
    NOTIFICATIONS_GROUP_ID: `notifications-test-${randomUUID()}`,
    NOTIFICATIONS_START_AT: 'latest',
    OUTBOX_INTERVAL_MS: '200',
    ...overrides,
  };
  if (mode === 'full') {
    for (const service of SERVICES) {
      const database = await createScratchDatabase(`sbor_test_${service}`);
      scratch.push(database);
      env[`DATABASE_URL_${service.toUpperCase()}`] = database.url;
      databaseUrls[service] = database.url;
    }
    env.KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
    env.REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  }
  try {
    const platform = await startPlatform(loadPlatformConfig(env));
    return {
      ...platform,
      gql: graphqlClient(platform.routerUrl),
      databaseUrls,
      stop: async () => {
        await platform.stop();
        for (const db of scratch) await db.drop();
      },
    };
  } catch (error) {
    for (const db of scratch) await db.drop().catch(() => {});
    throw error;
  }
}
