import { z } from 'zod';
import { env, parseConfig, portVariable, sharedVariables } from '@sbor/core';

export const SERVICES = ['users', 'events', 'tickets', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

const FULL_MODE_VARIABLES = [
  'DATABASE_URL_USERS',
  'DATABASE_URL_EVENTS',
  'DATABASE_URL_TICKETS',
  'DATABASE_URL_NOTIFICATIONS',
  'KAFKA_BROKERS',
  'REDIS_URL',
] as const;

/**
 * `npm start`: with none of the full-mode variables set, everything runs embedded; with them set,
 * on real PostgreSQL, Kafka and Redis. Half a configuration is an error, not a silent fallback.
 */
const { HOST, NODE_ENV, LOG_LEVEL, LOG_FORMAT, JWT_ISSUER, JWT_AUDIENCE, CACHE_PREFIX } = sharedVariables;
const fullMode = (what: string) => `${what} Set all six full-mode variables, or none for embedded mode.`;

/** What `npm start` reads itself; each service then reads its own variables from the same environment. */
export const platformVariables = {
  NODE_ENV,
  LOG_LEVEL,
  LOG_FORMAT,
  HOST,
  DATA_DIR: env.string().default('.data').describe('Where embedded mode keeps its PGlite data (`:memory:` keeps nothing).'),
  ...portVariable('router', 8000),
  ...portVariable('users', 8081),
  ...portVariable('tickets', 8082),
  ...portVariable('events', 8083),
  ...portVariable('notifications', 8084),
  ROUTER_SECRET: env
    .optionalString()
    .pipe(z.string().min(16, 'must be at least 16 characters').optional())
    .describe('Shared secret between the router and the subgraphs; random per process when unset.'),
  JWT_ISSUER,
  JWT_AUDIENCE,
  DATABASE_URL_USERS: env.optionalUrl().describe(fullMode("The users service's PostgreSQL database.")),
  DATABASE_URL_EVENTS: env.optionalUrl().describe(fullMode("The events service's PostgreSQL database.")),
  DATABASE_URL_TICKETS: env.optionalUrl().describe(fullMode("The tickets service's PostgreSQL database.")),
  DATABASE_URL_NOTIFICATIONS: env.optionalUrl().describe(fullMode("The notifications service's PostgreSQL database.")),
  KAFKA_BROKERS: env.csv().describe(fullMode('Comma-separated Kafka brokers, e.g. `127.0.0.1:9092`.')),
  REDIS_URL: env.optionalUrl().describe(fullMode('Redis, e.g. `redis://127.0.0.1:6379`.')),
  CACHE_PREFIX,
};

export const platformConfigSchema = z
  .object(platformVariables)
  .superRefine((c, ctx) => {
    const set = FULL_MODE_VARIABLES.filter((name) => c[name] !== undefined);
    if (set.length === 0 || set.length === FULL_MODE_VARIABLES.length) return;
    for (const name of FULL_MODE_VARIABLES.filter((n) => c[n] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `is required for full mode because ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set (unset them all for embedded mode)`,
      });
    }
  })
  .transform((c) => ({
    nodeEnv: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    host: c.HOST,
    dataDir: c.DATA_DIR,
    ports: {
      router: c.ROUTER_PORT,
      users: c.USERS_PORT,
      events: c.EVENTS_PORT,
      tickets: c.TICKETS_PORT,
      notifications: c.NOTIFICATIONS_PORT,
    },
    routerSecret: c.ROUTER_SECRET,
    issuer: c.JWT_ISSUER,
    audience: c.JWT_AUDIENCE,
    full:
      c.DATABASE_URL_USERS &&
      c.DATABASE_URL_EVENTS &&
      c.DATABASE_URL_TICKETS &&
      c.DATABASE_URL_NOTIFICATIONS &&
      c.KAFKA_BROKERS &&
      c.REDIS_URL
        ? {
            databaseUrls: {
              users: c.DATABASE_URL_USERS,
              events: c.DATABASE_URL_EVENTS,
              tickets: c.DATABASE_URL_TICKETS,
              notifications: c.DATABASE_URL_NOTIFICATIONS,
            } satisfies Record<ServiceName, string>,
            kafkaBrokers: c.KAFKA_BROKERS,
            redisUrl: c.REDIS_URL,
            cachePrefix: c.CACHE_PREFIX,
          }
        : undefined,
  }));

export type PlatformConfig = z.infer<typeof platformConfigSchema> & {
  /** The variables it was read from: each service reads its own settings from them too. */
  source: Record<string, string | undefined>;
};

export const loadPlatformConfig = (source: Record<string, string | undefined> = process.env): PlatformConfig => ({
  ...parseConfig(platformConfigSchema, source),
  source,
});
